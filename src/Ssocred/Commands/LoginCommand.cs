using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred login [--profile P | --sso-session S] [--force]</c>: nothing to do while the token
/// has the margin left, else a refresh, else a sign-in; <c>--force</c> always signs in anew.
/// Writes nothing on stdout; tells the person on stderr which session is signed in until when.
/// </summary>
internal sealed class LoginCommand(RequestResolver resolver, SessionTokens tokens, IUserNotifier notifier, TimeProvider time)
{
    public async Task<int> RunAsync(SsoOptions options, bool force, CancellationToken cancellationToken)
    {
        var request = resolver.Resolve(options, requireRole: false);
        var session = request.Session;

        // Asking for a sign-in is the one case where SSOCRED_NO_LOGIN, meant for unattended runs, does not apply.
        request = request with { Refresh = request.Refresh with { NoLogin = false } };
        if (!force
            && tokens.Read(session) is { } cached
            && CredentialPlan.UsesToken(request.Refresh, cached, time.GetUtcNow()))
        {
            notifier.Tell($"already signed in to '{session.DisplayName}' until {CacheTime.Format(cached.ExpiresAt)}; nothing to do (--force signs in anew)");
            return 0;
        }

        var token = force
            ? await tokens.ForceSignInAsync(request, cancellationToken).ConfigureAwait(false)
            : await tokens.GetValidTokenAsync(request, rejected: null, cancellationToken).ConfigureAwait(false);
        notifier.Tell($"signed in to '{session.DisplayName}' until {CacheTime.Format(token.ExpiresAt)}");
        return 0;
    }
}
