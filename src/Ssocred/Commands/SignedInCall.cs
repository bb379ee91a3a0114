using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.SignIn;

namespace Ssocred.Commands;

/// <summary>
/// A portal call made with the session's token. A token the portal refuses (401) although it
/// has not expired is treated as expired: renewed once (refresh, else sign-in) and the call
/// made again.
/// </summary>
internal static class SignedInCall
{
    public static async Task<T> RunAsync<T>(
        SessionTokens tokens,
        SsoSettings settings,
        SsoOptions options,
        ILog log,
        Func<Secret, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var token = await tokens.GetValidTokenAsync(settings, options, rejected: null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(token.AccessToken!.Value).ConfigureAwait(false);
        }
        catch (TokenRejectedException)
        {
            log.Debug("the cached SSO token of {Session} was refused; renewing it", settings.Session.DisplayName);
        }

        var renewed = await tokens.GetValidTokenAsync(settings, options, token.AccessToken, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(renewed.AccessToken!.Value).ConfigureAwait(false);
        }
        catch (TokenRejectedException e)
        {
            throw new SsocredException(
                $"IAM Identity Center refused the renewed SSO token of '{settings.Session.DisplayName}' too",
                $"run: ssocred login --force {settings.CommandLineSelector}",
                inner: e);
        }
    }
}
