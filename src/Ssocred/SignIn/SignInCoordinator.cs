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
    IEndpointProbe probe,
    IEnvironment environment,
    TimeProvider time,
    ILog log) : ISignInFlow
{
    /// <summary>Long enough for a slow network, short enough that a dead one fails in seconds, not at the sign-in timeout.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<SsoToken> SignInAsync(SsoSettings settings, SignInPreferences preferences, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var (method, reason) = SignInMethodChoice.Choose(session, preferences, environment, OperatingSystem.IsLinux());
        log.Debug("signing in to {Session} with {Method}: {Reason}", session.DisplayName, method == SignInMethod.Pkce ? "PKCE" : "a device code", reason);

        // Before any browser opens or any prompt asks a person to act: is the sign-in endpoint there at all?
        var endpoint = AwsClientFactory.OidcEndpoint(settings.Endpoints);
        if ((await probe.ConnectAsync(endpoint, ProbeTimeout, cancellationToken).ConfigureAwait(false)).Failure is { } failure)
        {
            throw new SsocredException(
                $"cannot reach the IAM Identity Center sign-in endpoint {endpoint.GetLeftPart(UriPartial.Authority)} ({failure}); no browser was opened",
                "check the network, a proxy or AWS_ENDPOINT_URL_SSO_OIDC, then try again");
        }

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
