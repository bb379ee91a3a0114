using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.SignIn;

/// <summary>
/// The sign-in <see cref="SessionTokens"/> asks for when nothing cached will do: picks PKCE or
/// device code (SPEC §2), bounds it by --login-timeout, and turns what it grants into a token
/// file in the AWS CLI v2's shape.
/// </summary>
internal sealed class SignInCoordinator(
    PkceFlow pkce,
    DeviceCodeFlow deviceCode,
    Func<SsoEndpoints, SsoOidc> oidcFactory,
    IEnvironment environment,
    TimeProvider time,
    ILog log) : ISignInFlow
{
    public async Task<CachedToken> SignInAsync(SsoSettings settings, SsoOptions options, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var (method, reason) = SignInMethodChoice.Choose(session, options, environment, OperatingSystem.IsLinux());
        log.Debug("signing in to {Session} with {Method}: {Reason}", session.DisplayName, method == SignInMethod.Pkce ? "PKCE" : "a device code", reason);

        using var timeout = new CancellationTokenSource(options.LoginTimeout, time);
        using var signInToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var oidc = oidcFactory(settings.Endpoints);
        CompletedSignIn signedIn;
        try
        {
            signedIn = method == SignInMethod.Pkce
                ? await pkce.SignInAsync(settings, options, oidc, signInToken.Token).ConfigureAwait(false)
                : await deviceCode.SignInAsync(settings, options, oidc, signInToken.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SsocredException(
                $"the sign-in to '{session.DisplayName}' was not completed within {DurationText.Describe(options.LoginTimeout)}",
                $"run: ssocred login {settings.CommandLineSelector} and finish it in the browser (--login-timeout allows longer)",
                inner: e);
        }

        var (client, grant) = signedIn;
        return new CachedToken
        {
            StartUrl = session.StartUrl,
            Region = session.Region,
            AccessToken = grant.AccessToken,
            ExpiresAt = CacheTime.Format(time.GetUtcNow() + grant.ExpiresIn),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            RegistrationExpiresAt = CacheTime.Format(client.ExpiresAt),
            RefreshToken = grant.RefreshToken,
        };
    }
}
