namespace Ssocred.Configuration;

/// <summary>The accounts and roles that the profiles of a config file use through one session.</summary>
internal static class SessionProfiles
{
    public static IEnumerable<RoleTarget> RolesOf(AwsConfigFile config, SsoSession session)
    {
        foreach (var name in config.ProfileNames)
        {
            var profile = config.Profile(name)!;
            var uses = session.Name is not null
                ? Text(profile, "sso_session") == session.Name
                : Text(profile, "sso_session") is null && Text(profile, "sso_start_url") == session.StartUrl;
            if (uses && Text(profile, "sso_account_id") is { } account && Text(profile, "sso_role_name") is { } role)
            {
                yield return new RoleTarget(account, role);
            }
        }
    }

    private static string? Text(IReadOnlyDictionary<string, IniValue> profile, string key) =>
        profile.TryGetValue(key, out var value) && value.Nested is null && value.Text.Length > 0 ? value.Text : null;
}
