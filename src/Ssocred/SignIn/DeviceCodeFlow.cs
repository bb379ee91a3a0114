using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.SignIn;

/// <summary>
/// The device authorization sign-in (SPEC §2): register (or reuse) a client, start a device
/// authorization, show the URL and user code and open the URL, then poll until the person has
/// confirmed the code.
/// </summary>
internal sealed class DeviceCodeFlow(ClientRegistrations registrations, BrowserLauncher browser, DeviceCodePoller poller, IUserNotifier notifier, TimeProvider time)
{
    public async Task<CompletedSignIn> SignInAsync(SsoSettings settings, SignInPreferences preferences, SsoOidc oidc, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var client = await registrations.GetAsync(session, SignInMethod.DeviceCode, oidc, cancellationToken).ConfigureAwait(false);
        var device = await oidc.StartDeviceAuthorizationAsync(client.ClientId, client.ClientSecret, session.StartUrl, cancellationToken).ConfigureAwait(false);

        // The wait ends at the sign-in timeout or when the code expires, whichever comes first.
        var waiting = $"\n  waiting {DurationText.Until(device.ExpiresIn < preferences.Timeout ? device.ExpiresIn : preferences.Timeout, time.GetUtcNow())}";
        notifier.Tell(preferences.NoBrowser
            ? $"to sign in to '{session.DisplayName}', open this URL on any device and confirm the code {device.UserCode}:\n  {device.VerificationUriComplete}{waiting}"
            : $"signing in to '{session.DisplayName}': confirm the code {device.UserCode} in your browser; if it does not open, open this URL on any device:\n  {device.VerificationUriComplete}{waiting}");
        var polling = poller.PollAsync(
            token => oidc.PollDeviceTokenAsync(client.ClientId, client.ClientSecret, device.DeviceCode, token),
            device.Interval,
            device.ExpiresIn,
            cancellationToken);
        var answer = await browser.WhileOpeningAsync(device.VerificationUriComplete, preferences.NoBrowser, polling, cancellationToken).ConfigureAwait(false);

        return answer.Outcome switch
        {
            DevicePollOutcome.Granted => new CompletedSignIn(client, answer.Grant!),
            DevicePollOutcome.Denied => throw new SsocredException(
                $"the sign-in to '{session.DisplayName}' was denied in the browser (AccessDeniedException)",
                $"run: ssocred login {settings.CommandLineSelector} to try again"),
            _ => throw new SsocredException(
                $"the device code for '{session.DisplayName}' expired before the sign-in was confirmed",
                $"run: ssocred login {settings.CommandLineSelector} and confirm the code within {DurationText.Describe(device.ExpiresIn)}"),
        };
    }
}
