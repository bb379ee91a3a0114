using Ssocred.Caching;
using Ssocred.Credentials;

namespace Ssocred.Commands;

/// <summary>
/// The environment <c>ssocred exec</c> gives its command (SPEC §7): ours, with the role's keys
/// (or, with --server, the endpoint's two variables and no static keys), the profile's region
/// unless AWS_REGION is already set, and SSOCRED_PROFILE. Every other variable passes unchanged.
/// </summary>
internal static class ExecEnvironment
{
    public const string ProfileVariable = "SSOCRED_PROFILE";

    public static Dictionary<string, string> WithKeys(IReadOnlyDictionary<string, string> inherited, RoleCredentials credentials, string profile, string? region)
    {
        var environment = Common(inherited, profile, region);
        environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey.Reveal();
        environment["AWS_SESSION_TOKEN"] = credentials.SessionToken.Reveal();
        environment["AWS_CREDENTIAL_EXPIRATION"] = CacheTime.Format(credentials.Expiration);
        return environment;
    }

    /// <summary>Static keys inherited from elsewhere are dropped: every SDK would prefer them to the endpoint.</summary>
    public static Dictionary<string, string> WithEndpoint(IReadOnlyDictionary<string, string> inherited, IEnumerable<KeyValuePair<string, string>> endpoint, string profile, string? region)
    {
        var environment = Common(inherited, profile, region);
        foreach (var key in (string[])["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"])
        {
            environment.Remove(key);
        }

        foreach (var (name, value) in endpoint)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static Dictionary<string, string> Common(IReadOnlyDictionary<string, string> inherited, string profile, string? region)
    {
        var environment = new Dictionary<string, string>(inherited, StringComparer.Ordinal);
        if (region is not null && string.IsNullOrEmpty(inherited.GetValueOrDefault("AWS_REGION")))
        {
            environment["AWS_REGION"] = region;
            environment["AWS_DEFAULT_REGION"] = region;
        }

        environment[ProfileVariable] = profile;
        return environment;
    }
}
