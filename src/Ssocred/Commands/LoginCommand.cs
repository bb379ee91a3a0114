using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Platform;
using Ssocred.SignIn;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred login [--profile P | --sso-session S] [--force]</c>: nothing to do while the token
/// has the margin left, else a refresh, else a sign-in; <c>--force</c> always signs in anew.
/// Writes nothing on stdout; tells the person on stderr which session is signed in until when.
/// </summary>
internal sealed class LoginCommand(ProfileResolver resolver, SessionTokens tokens, IUserNotifier notifier, TimeProvider time)
{
    public async Task<int> RunAsync(SsoOptions options, bool force, CancellationToken cancellationToken)
    {
        var settings = resolver.Resolve(options, requireRole: false);
        var session = settings.Session;

        // Asking for a sign-in is the one case where SSOCRED_NO_LOGIN, meant for unattended runs, does not apply.
        options = options with { NoLogin = false };
        if (!force
            && tokens.Read(session, CacheKeys.Token(session)) is { } cached
            && cached.IsValidFor(options.MinTtl, time.GetUtcNow()))
        {
            notifier.Tell($"already signed in to '{session.DisplayName}' until {CacheTime.Format(cached.Expiry!.Value)}; nothing to do (--force signs in anew)");
            return 0;
        }

        var token = force
            ? await tokens.ForceSignInAsync(settings, options, cancellationToken).ConfigureAwait(false)
            : await tokens.GetValidTokenAsync(settings, options, rejected: null, cancellationToken).ConfigureAwait(false);
        notifier.Tell($"signed in to '{session.DisplayName}' until {CacheTime.Format(token.Expiry!.Value)}");
        return 0;
    }
}
