using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.SignIn;

/// <summary>
/// The authorization code sign-in with PKCE (SPEC §2): bind the loopback listener, register (or
/// reuse) a client, send the browser to /authorize, wait for the callback with our state, and
/// exchange the code with its verifier.
/// </summary>
internal sealed class PkceFlow(ClientRegistrations registrations, BrowserLauncher browser, IUserNotifier notifier, TimeProvider time, ILog log)
{
    /// <summary>Registered without a port; each sign-in's requests carry it with one (RFC 8252 §7.3).</summary>
    public const string RegisteredRedirectUri = "http://127.0.0.1" + LoopbackListener.CallbackPath;

    public async Task<CompletedSignIn> SignInAsync(SsoSettings settings, SignInPreferences preferences, SsoOidc oidc, CancellationToken cancellationToken)
    {
        var session = settings.Session;

        // First, so a taken --callback-port fails before any network call or browser.
        using var listener = LoopbackListener.Bind(preferences.CallbackPort, time, log);
        var client = await registrations.GetAsync(session, SignInMethod.Pkce, oidc, cancellationToken).ConfigureAwait(false);
        var pkce = PkceSecrets.Create();
        var url = AuthorizeUrl.Build(oidc.AuthorizationBase(), client.ClientId, listener.RedirectUri, pkce.State, session.Scopes, pkce.CodeChallenge);
        log.Debug("waiting for the sign-in callback on {RedirectUri}", listener.RedirectUri);

        var callback = listener.WaitForCallbackAsync(pkce.State, cancellationToken);
        var waiting = $"\n  waiting {DurationText.Until(preferences.Timeout, time.GetUtcNow())}";
        notifier.Tell(preferences.NoBrowser
            ? $"to sign in to '{session.DisplayName}', open this URL in a browser on this machine (or one that forwards port {listener.Port} to it):\n  {url}{waiting}"
            : $"signing in to '{session.DisplayName}' in your browser; if it does not open, open this URL on this machine:\n  {url}{waiting}");
        var answer = await browser.WhileOpeningAsync(url, preferences.NoBrowser, callback, cancellationToken).ConfigureAwait(false);
        var redirectUri = listener.RedirectUri;

        // Closed as soon as the answer is in: a request after it finds no one listening.
        listener.Dispose();

        if (answer.Error is { } error)
        {
            throw new SsocredException(
                $"the sign-in to '{session.DisplayName}' was refused in the browser ({error}{(answer.ErrorDescription is { Length: > 0 } d ? ": " + d : string.Empty)})",
                $"run: ssocred login {settings.CommandLineSelector} to try again");
        }

        try
        {
            var grant = await oidc.ExchangeAuthorizationCodeAsync(
                client.ClientId, client.ClientSecret, answer.Code!.Value, pkce.CodeVerifier, redirectUri, cancellationToken).ConfigureAwait(false);
            return new CompletedSignIn(client, grant);
        }
        catch (GrantRejectedException e)
        {
            throw new SsocredException(
                $"IAM Identity Center refused the authorization code of the sign-in to '{session.DisplayName}' ({e.ErrorCode})",
                $"run: ssocred login {settings.CommandLineSelector} to sign in again",
                inner: e);
        }
    }
}
