using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.SignIn;

/// <summary>
/// The sign-in <see cref="SessionTokens"/> asks for when nothing cached will do: picks PKCE or
/// device code (SPEC §2), bounds it by --login-timeout, and turns what it grants into a token.
/// </summary>
internal sealed class SignInCoordinator(
    PkceFlow pkce,
    DeviceCodeFlow deviceCode,
    Func<SsoEndpoints, SsoOidc> oidcFactory,
    IEnvironment environment,
    TimeProvider time,
    ILog log) : ISignInFlow
{
    public async Task<SsoToken> SignInAsync(SsoSettings settings, SignInPreferences preferences, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var (method, reason) = SignInMethodChoice.Choose(session, preferences, environment, OperatingSystem.IsLinux());
        log.Debug("signing in to {Session} with {Method}: {Reason}", session.DisplayName, method == SignInMethod.Pkce ? "PKCE" : "a device code", reason);

        using var timeout = new CancellationTokenSource(preferences.Timeout, time);
        using var signInToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var oidc = oidcFactory(settings.Endpoints);
        CompletedSignIn signedIn;
        try
        {
            signedIn = method == SignInMethod.Pkce
                ? await pkce.SignInAsync(settings, preferences, oidc, signInToken.Token).ConfigureAwait(false)
                : await deviceCode.SignInAsync(settings, preferences, oidc, signInToken.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SsocredException(
                $"the sign-in to '{session.DisplayName}' was not completed within {DurationText.Describe(preferences.Timeout)}",
                $"run: ssocred login {settings.CommandLineSelector} and finish it in the browser (--login-timeout allows longer)",
                inner: e);
        }

        var (client, grant) = signedIn;
        return new SsoToken(
            grant.AccessToken,
            time.GetUtcNow() + grant.ExpiresIn,
            session.StartUrl,
            session.Region,
            client,
            grant.RefreshToken);
    }
}
