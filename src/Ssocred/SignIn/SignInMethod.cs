using Ssocred.Configuration;
using Ssocred.Platform;

namespace Ssocred.SignIn;

internal enum SignInMethod
{
    /// <summary>OAuth 2.0 authorization code with PKCE: the browser comes back to a loopback listener.</summary>
    Pkce,

    /// <summary>OAuth 2.0 device authorization: the person confirms a code on any device.</summary>
    DeviceCode,
}

/// <summary>Which sign-in a session gets, and why (SPEC §2).</summary>
internal static class SignInMethodChoice
{
    public static (SignInMethod Method, string Reason) Choose(SsoSession session, SignInPreferences preferences, IEnvironment environment, bool isLinux)
    {
        if (session.IsLegacy)
        {
            return (SignInMethod.DeviceCode, "a legacy profile (no sso-session) signs in with a device code");
        }

        if (preferences.UseDeviceCode)
        {
            return (SignInMethod.DeviceCode, "--use-device-code");
        }

        if (session.UseDeviceCode)
        {
            return (SignInMethod.DeviceCode, "sso_use_device_code = true");
        }

        // The person chose how URLs open, or forwards the callback port: the callback can arrive.
        if (environment.Get("BROWSER") is not null)
        {
            return (SignInMethod.Pkce, "BROWSER is set");
        }

        if (preferences.CallbackPort is not null)
        {
            return (SignInMethod.Pkce, "--callback-port is given");
        }

        if (environment.Get("SSH_CONNECTION") is not null)
        {
            return (SignInMethod.DeviceCode, "an SSH session (SSH_CONNECTION), whose browser cannot reach this machine's callback");
        }

        if (isLinux && environment.Get("DISPLAY") is null && environment.Get("WAYLAND_DISPLAY") is null)
        {
            return (SignInMethod.DeviceCode, "no display (neither DISPLAY nor WAYLAND_DISPLAY) to open a browser on");
        }

        return (SignInMethod.Pkce, "an sso-session profile");
    }
}
