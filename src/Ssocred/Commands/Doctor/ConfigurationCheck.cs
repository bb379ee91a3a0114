using Ssocred.Configuration;
using Ssocred.Errors;

namespace Ssocred.Commands.Doctor;

/// <summary>
/// Which config file and profile were read, and where each setting came from. It resolves the
/// request the other checks look at; null when it cannot be resolved (the error is the finding).
/// </summary>
internal sealed class ConfigurationCheck(RequestResolver resolver, ConfigFileLoader loader)
{
    public (DoctorSection Section, CredentialRequest? Request) Run(SsoOptions options)
    {
        CredentialRequest request;
        try
        {
            request = resolver.Resolve(options, requireRole: true);
        }
        catch (SsocredException e)
        {
            // Every problem of the named profile, even one that cannot be resolved: the layout may be the real cause.
            return (new DoctorSection("configuration", [Finding.Fact("config file", loader.ConfigPath), .. Layouts(loader.ConfigPath, resolver.NamedProfile(options)), Finding.Error(e.ToDisplayText())]), null);
        }

        var settings = request.Settings;
        return (new DoctorSection("configuration", [.. Describe(settings), .. Layouts(settings.ConfigPath, settings.ProfileName)]), request);
    }

    private List<Finding> Describe(SsoSettings settings)
    {
        var sources = settings.Sources;
        var session = settings.Session;
        var findings = new List<Finding>
        {
            Finding.Fact("config file", $"{settings.ConfigPath ?? loader.ConfigPath}{(settings.ConfigPath is null ? " (not needed)" : string.Empty)} ({sources["config file"]})"),
            Finding.Fact("profile", settings.ProfileName is null ? "(none: flags name everything)" : $"{settings.ProfileName} ({sources["profile"]})"),
        };
        if (session.Name is { } name)
        {
            findings.Add(Finding.Fact("sso_session", $"{name} ({sources["sso_session"]})"));
        }

        findings.Add(Finding.Fact("sso_start_url", $"{session.StartUrl} ({sources["sso_start_url"]})"));
        findings.Add(Finding.Fact("sso_region", $"{session.Region} ({sources["sso_region"]})"));
        findings.Add(Finding.Fact("scopes", string.Join(",", session.Scopes) + (session.NamedScopes is null ? " (default)" : string.Empty)));
        findings.Add(Finding.Fact("sso_account_id", $"{settings.Role!.AccountId} ({sources["sso_account_id"]})"));
        findings.Add(Finding.Fact("sso_role_name", $"{settings.Role.RoleName} ({sources["sso_role_name"]})"));
        findings.Add(Finding.Fact("sign-in", session.IsLegacy ? "device code (legacy profile: no refresh token)" : session.UseDeviceCode ? "device code (sso_use_device_code)" : "browser (PKCE)"));

        return findings;
    }

    /// <summary>
    /// Profiles that mix credential_process with sso_account_id or sso_role_name: SDKs use the
    /// sso_* keys and never run ssocred. The diagnosed profile's is a warning that fails doctor;
    /// another profile's is labelled with its name.
    /// </summary>
    private List<Finding> Layouts(string? path, string? diagnosed)
    {
        var findings = new List<Finding>();
        AwsConfigFile? file;
        try
        {
            file = path is null ? null : loader.TryLoad(path);
        }
        catch (SsocredException)
        {
            return findings; // the file's own error is the finding
        }

        foreach (var profile in file?.ProfileNames ?? [])
        {
            var values = file!.Profile(profile)!;
            if (values.ContainsKey("credential_process") && (values.ContainsKey("sso_account_id") || values.ContainsKey("sso_role_name")))
            {
                var mine = profile == (diagnosed ?? "default");
                var text = $"profile '{profile}'{(mine ? string.Empty : " (another profile of the file)")} has credential_process and sso_* keys: SDKs use the sso_* keys and never run ssocred; move the sso_* keys to a profile of their own";
                findings.Add(Finding.Warning(text) with { FailsDoctor = mine });
            }
        }

        return findings;
    }
}
