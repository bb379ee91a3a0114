using Ssocred.Configuration;
using Ssocred.Errors;

namespace Ssocred.Commands.Doctor;

/// <summary>Which config file and profile were read, and where each setting came from.</summary>
internal sealed class ConfigurationCheck(RequestResolver resolver, ConfigFileLoader loader) : IDoctorCheck
{
    public Task RunAsync(DoctorState state, DoctorReport report, CancellationToken cancellationToken)
    {
        report.Section("configuration");
        try
        {
            state.Request = resolver.Resolve(state.Options, requireRole: true);
        }
        catch (SsocredException e)
        {
            report.Fact("config file", loader.ConfigPath);
            report.Error(e.ToDisplayText());
            return Task.CompletedTask;
        }

        var settings = state.Request.Settings;
        var sources = settings.Sources;
        report.Fact("config file", $"{settings.ConfigPath ?? loader.ConfigPath}{(settings.ConfigPath is null ? " (not needed)" : string.Empty)} ({sources["config file"]})");
        report.Fact("profile", settings.ProfileName is null ? "(none: flags name everything)" : $"{settings.ProfileName} ({sources["profile"]})");
        if (settings.Session.Name is { } name)
        {
            report.Fact("sso_session", $"{name} ({sources["sso_session"]})");
        }

        report.Fact("sso_start_url", $"{settings.Session.StartUrl} ({sources["sso_start_url"]})");
        report.Fact("sso_region", $"{settings.Session.Region} ({sources["sso_region"]})");
        report.Fact("scopes", string.Join(",", settings.Session.Scopes) + (settings.Session.ConfiguredScopes is null ? " (default)" : string.Empty));
        report.Fact("sso_account_id", $"{settings.Role!.AccountId} ({sources["sso_account_id"]})");
        report.Fact("sso_role_name", $"{settings.Role.RoleName} ({sources["sso_role_name"]})");
        report.Fact("sign-in", settings.Session.IsLegacy ? "device code (legacy profile: no refresh token)" : settings.Session.UseDeviceCode ? "device code (sso_use_device_code)" : "browser (PKCE)");

        if (settings.ConfigPath is { } path && loader.TryLoad(path) is { } file)
        {
            foreach (var profile in file.ProfileNames)
            {
                var values = file.Profile(profile)!;
                if (values.ContainsKey("credential_process") && (values.ContainsKey("sso_account_id") || values.ContainsKey("sso_role_name")))
                {
                    report.Warning($"profile '{profile}' has credential_process and sso_* keys: SDKs use the sso_* keys and never run ssocred; move the sso_* keys to a profile of their own");
                }
            }
        }

        return Task.CompletedTask;
    }
}
