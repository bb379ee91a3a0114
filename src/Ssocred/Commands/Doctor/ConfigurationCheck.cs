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
            return (new DoctorSection("configuration", [Finding.Fact("config file", loader.ConfigPath), Finding.Error(e.ToDisplayText())]), null);
        }

        return (new DoctorSection("configuration", Describe(request.Settings)), request);
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

        if (settings.ConfigPath is { } path && loader.TryLoad(path) is { } file)
        {
            foreach (var profile in file.ProfileNames)
            {
                var values = file.Profile(profile)!;
                if (values.ContainsKey("credential_process") && (values.ContainsKey("sso_account_id") || values.ContainsKey("sso_role_name")))
                {
                    findings.Add(Finding.Warning($"profile '{profile}' has credential_process and sso_* keys: SDKs use the sso_* keys and never run ssocred; move the sso_* keys to a profile of their own"));
                }
            }
        }

        return findings;
    }
}
