using Ssocred.Platform;

namespace Ssocred.Configuration;

/// <summary>
/// The one place the command line (<see cref="SsoOptions"/>), the environment and the config
/// file become a <see cref="CredentialRequest"/>. Raw options go no further than this.
/// </summary>
internal sealed class RequestResolver(ProfileResolver profiles, IEnvironment environment)
{
    public const string NoLoginVariable = "SSOCRED_NO_LOGIN";

    public string ConfigPath => profiles.ConfigPath;

    /// <summary>The profile a request names, whether or not it resolves.</summary>
    public string NamedProfile(SsoOptions options) => profiles.NamedProfile(options);

    /// <param name="requireRole">Whether an account and role are needed (credentials), or a session is enough.</param>
    public CredentialRequest Resolve(SsoOptions options, bool requireRole)
    {
        var settings = profiles.Resolve(options, requireRole);
        var refresh = new RefreshPolicy
        {
            Margin = options.MinTtl,
            ForceRefresh = options.ForceRefresh,
            NoLogin = options.NoLogin || environment.Get(NoLoginVariable) is "1" or "true",
            LockWait = options.LoginTimeout,
        };
        var signIn = new SignInPreferences
        {
            UseDeviceCode = options.UseDeviceCode,
            NoBrowser = options.NoBrowser,
            CallbackPort = options.CallbackPort,
            Timeout = options.LoginTimeout,
        };
        return new CredentialRequest(settings, refresh, signIn);
    }

    /// <summary>The endpoints for a region from the environment alone (no profile), e.g. for a cached token.</summary>
    public SsoEndpoints EndpointsFor(string region) => profiles.EndpointsFor(region);
}
