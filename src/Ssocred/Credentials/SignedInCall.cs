using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;

namespace Ssocred.Credentials;

/// <summary>
/// A portal call made with the session's token. A token the portal refuses (401) although it
/// has not expired is treated as expired: renewed once (refresh, else sign-in) and the call
/// made again.
/// </summary>
internal static class SignedInCall
{
    public static async Task<T> RunAsync<T>(
        SessionTokens tokens,
        CredentialRequest request,
        ILog log,
        Func<Secret, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var session = request.Session;
        var token = await tokens.GetValidTokenAsync(request, rejected: null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(token.AccessToken).ConfigureAwait(false);
        }
        catch (TokenRejectedException)
        {
            log.Debug("the cached SSO token of {Session} was refused; renewing it", session.DisplayName);
        }

        var renewed = await tokens.GetValidTokenAsync(request, token.AccessToken, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(renewed.AccessToken).ConfigureAwait(false);
        }
        catch (TokenRejectedException e)
        {
            throw new SsocredException(
                $"IAM Identity Center refused the renewed SSO token of '{session.DisplayName}' too",
                $"run: ssocred login --force {request.Settings.CommandLineSelector}",
                inner: e);
        }
    }
}
