namespace Ssocred.Cli;

/// <summary>One option: its names, the commands it applies to (null: all) and its help line.</summary>
internal sealed record OptionSpec(
    string Name,
    string? Alias,
    string? ValueName,
    string Help,
    string[]? Commands,
    Action<ParseState, string> Apply)
{
    public bool AppliesTo(string command) => Commands is null || Commands.Contains(command);
}

/// <summary>The single definition of ssocred's commands and options, for parsing and for help.</summary>
internal static class CommandLineOptions
{
    public const string CredentialProcess = "";
    public const string Login = "login";

    private static readonly string[] ReachesAws = [CredentialProcess, Login];
    private static readonly string[] GetsCredentials = [CredentialProcess];
    private static readonly string[] SignsIn = [CredentialProcess, Login];

    public static readonly IReadOnlyDictionary<string, string> Commands = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Login] = "sign in now (refresh, or browser sign-in) and cache the SSO token",
    };

    public static readonly IReadOnlyList<OptionSpec> All =
    [
        new("--profile", null, "NAME", "the AWS config profile to read (default: AWS_PROFILE, else 'default')", ReachesAws, (s, v) => s.Sso = s.Sso with { Profile = v }),
        new("--sso-session", null, "NAME", "the [sso-session NAME] to use, overriding the profile's", ReachesAws, (s, v) => s.Sso = s.Sso with { SsoSession = v }),
        new("--start-url", null, "URL", "the AWS access portal URL, overriding sso_start_url", ReachesAws, (s, v) => s.Sso = s.Sso with { StartUrl = v }),
        new("--sso-region", null, "REGION", "the IAM Identity Center region, overriding sso_region", ReachesAws, (s, v) => s.Sso = s.Sso with { SsoRegion = v }),
        new("--account-id", null, "ID", "the AWS account, overriding sso_account_id", GetsCredentials, (s, v) => s.Sso = s.Sso with { AccountId = v }),
        new("--role-name", null, "ROLE", "the permission set (role), overriding sso_role_name", GetsCredentials, (s, v) => s.Sso = s.Sso with { RoleName = v }),
        new("--min-ttl", null, "DURATION", "renew credentials and tokens with less than this left (default 15m)", ReachesAws, (s, v) => s.Sso = s.Sso with { MinTtl = CommandLineParser.ParseDuration("--min-ttl", v) }),
        new("--force-refresh", null, null, "ignore cached role credentials", GetsCredentials, (s, _) => s.Sso = s.Sso with { ForceRefresh = true }),
        new("--no-login", null, null, "never start a sign-in; fail instead (also SSOCRED_NO_LOGIN=1)", GetsCredentials, (s, _) => s.Sso = s.Sso with { NoLogin = true }),
        new("--use-device-code", null, null, "sign in with a device code instead of the browser callback", SignsIn, (s, _) => s.Sso = s.Sso with { UseDeviceCode = true }),
        new("--no-browser", null, null, "open no browser; print the sign-in URL instead", SignsIn, (s, _) => s.Sso = s.Sso with { NoBrowser = true }),
        new("--callback-port", null, "PORT", "the loopback port for the browser callback (for SSH port forwarding)", SignsIn, (s, v) => s.Sso = s.Sso with { CallbackPort = CommandLineParser.ParsePort(v) }),
        new("--login-timeout", null, "DURATION", "give up on a sign-in nobody completes after this (default 10m)", SignsIn, (s, v) => s.Sso = s.Sso with { LoginTimeout = CommandLineParser.ParseDuration("--login-timeout", v) }),
        new("--force", null, null, "sign in anew even when the session is valid", [Login], (s, _) => s.Force = true),
        new("--verbose", "-v", null, "log debug detail to stderr", null, (s, _) => s.Verbose = true),
        new("--log-file", null, "PATH", "also write the log to this file (also SSOCRED_LOG_FILE)", null, (s, v) => s.LogFile = v),
        new("--help", "-h", null, "show this help", null, (s, _) => s.Help = true),
        new("--version", null, null, "print the version", [CredentialProcess], (s, _) => s.Version = true),
    ];

    public static OptionSpec? Find(string name)
    {
        foreach (var option in All)
        {
            if (option.Name == name || option.Alias == name)
            {
                return option;
            }
        }

        return null;
    }
}
