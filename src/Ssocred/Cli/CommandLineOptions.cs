using Ssocred.Commands;
using Ssocred.Output;

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

/// <summary>
/// The single definition of ssocred's commands and options. The bare credential process parses
/// it by hand (it runs constantly and must stay cheap); the other commands go through
/// System.CommandLine, built from the same table (<see cref="CommandTree"/>).
/// </summary>
internal static class CommandLineOptions
{
    public const string CredentialProcess = "";
    public const string Login = "login";
    public const string Logout = "logout";
    public const string List = "list";
    public const string Export = "export";
    public const string Populate = "configure populate";
    public const string Doctor = "doctor";
    public const string Exec = "exec";
    public const string Serve = "serve";
    public const string Console = "console";

    private static readonly string[] SelectsSession = [CredentialProcess, Login, Logout, List, Export, Populate, Doctor, Exec, Serve, Console];
    private static readonly string[] SelectsProfile = [CredentialProcess, Login, Logout, List, Export, Doctor, Exec, Serve, Console];
    private static readonly string[] SelectsRole = [CredentialProcess, Export, Doctor, Exec, Serve, Console];
    private static readonly string[] UsesMargin = [CredentialProcess, Login, List, Export, Populate, Doctor, Exec, Serve, Console];
    private static readonly string[] GetsCredentials = [CredentialProcess, Export, Exec, Console];
    private static readonly string[] MaySignIn = [CredentialProcess, Login, List, Export, Populate, Exec, Serve, Console];

    /// <summary>Every command and its one-line summary, in the order help lists them.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Commands =
    [
        new(Login, "sign in now (a refresh, or a browser sign-in) and cache the SSO token"),
        new(Logout, "sign out: end the session and remove its cached token and credentials"),
        new(List, "list the accounts and roles the session may use"),
        new(Export, "print the credentials as shell variables (eval \"$(ssocred export --profile P)\")"),
        new(Populate, "write one profile per account and role into the config file"),
        new(Doctor, "explain the configuration, the caches and what would happen next"),
        new(Exec, "run a command with the credentials in its environment (ssocred exec --profile P -- COMMAND [ARG...])"),
        new(Serve, "serve the credentials on 127.0.0.1 as a container-credentials endpoint for SDKs"),
        new(Console, "open the AWS console in the browser, signed in as the role"),
    ];

    public static readonly IReadOnlyList<OptionSpec> All =
    [
        new("--profile", null, "NAME", "the AWS config profile to read (default: AWS_PROFILE, else 'default')", SelectsProfile, (s, v) => s.Sso = s.Sso with { Profile = v }),
        new("--sso-session", null, "NAME", "the [sso-session NAME] to use, overriding the profile's", SelectsSession, (s, v) => s.Sso = s.Sso with { SsoSession = v }),
        new("--start-url", null, "URL", "the AWS access portal URL, overriding sso_start_url", SelectsSession, (s, v) => s.Sso = s.Sso with { StartUrl = v }),
        new("--sso-region", null, "REGION", "the IAM Identity Center region, overriding sso_region", SelectsSession, (s, v) => s.Sso = s.Sso with { SsoRegion = v }),
        new("--account-id", null, "ID", "the AWS account, overriding sso_account_id", SelectsRole, (s, v) => s.Sso = s.Sso with { AccountId = v }),
        new("--role-name", null, "ROLE", "the permission set (role), overriding sso_role_name", SelectsRole, (s, v) => s.Sso = s.Sso with { RoleName = v }),
        new("--min-ttl", null, "DURATION", "renew credentials and tokens with less than this left (default 15m)", UsesMargin, (s, v) => s.Sso = s.Sso with { MinTtl = CommandLineParser.ParseDuration("--min-ttl", v) }),
        new("--force-refresh", null, null, "ignore cached role credentials", GetsCredentials, (s, _) => s.Sso = s.Sso with { ForceRefresh = true }),
        new("--no-login", null, null, "never start a sign-in; fail instead (also SSOCRED_NO_LOGIN=1)", [CredentialProcess, List, Export, Populate, Exec, Serve, Console], (s, _) => s.Sso = s.Sso with { NoLogin = true }),
        new("--use-device-code", null, null, "sign in with a device code instead of the browser callback", MaySignIn, (s, _) => s.Sso = s.Sso with { UseDeviceCode = true }),
        new("--no-browser", null, null, "open no browser; print the sign-in URL instead", MaySignIn, (s, _) => s.Sso = s.Sso with { NoBrowser = true }),
        new("--callback-port", null, "PORT", "the loopback port for the browser callback (for SSH port forwarding)", MaySignIn, (s, v) => s.Sso = s.Sso with { CallbackPort = CommandLineParser.ParsePort("--callback-port", v) }),
        new("--login-timeout", null, "DURATION", "give up on a sign-in nobody completes after this (default 10m)", MaySignIn, (s, v) => s.Sso = s.Sso with { LoginTimeout = CommandLineParser.ParseDuration("--login-timeout", v) }),
        new("--force", null, null, "sign in anew even when the session is valid", [Login], (s, _) => s.Force = true),
        new("--all", null, null, "sign out of every session in the caches", [Logout], (s, _) => s.All = true),
        new("--output", null, "FORMAT", "text (an aligned table) or json", [List], (s, v) => s.Output = v),
        new("--format", null, "FORMAT", $"{string.Join(", ", CredentialExport.Formats)} (default {CredentialExport.DefaultFormat})", [Export], (s, v) => s.Format = v),
        new("--dry-run", null, null, "print the change as a diff instead of writing it", [Populate], (s, _) => s.DryRun = true),
        new("--region", null, "REGION", "also write 'region = REGION' into each profile", [Populate], (s, v) => s.Region = v),
        new("--profile-name-template", null, "TEMPLATE", $"profile names from {{account_name}}, {{account_id}}, {{role_name}}, {{session}} (default {PopulateOptions.DefaultNameTemplate})", [Populate], (s, v) => s.NameTemplate = v),
        new("--cache", null, "STORE", "keep the session's tokens and credentials in 'file' (shared with the AWS CLI) or the OS 'keyring' (also SSOCRED_CACHE, ssocred_cache)", SelectsSession, (s, v) => s.Sso = s.Sso with { Cache = v is "file" or "keyring" ? v : throw new Errors.UsageException($"--cache takes 'file' or 'keyring', not '{v}'") }),
        new("--server", null, null, "give COMMAND a credential endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead of keys, renewed as long as it runs", [Exec], (s, _) => s.Server = true),
        new("--nested", null, null, "allow exec inside another profile's exec", [Exec], (s, _) => s.Nested = true),
        new("--port", null, "PORT", "the port on 127.0.0.1 to serve on (default: any free one)", [Serve], (s, v) => s.Port = CommandLineParser.ParsePort("--port", v)),
        new("--destination", null, "URL", "the console page to open (default: the console's home, in the profile's region)", [Console], (s, v) => s.Destination = v),
        new("--url", null, null, "print the sign-in URL instead of opening it", [Console], (s, _) => s.PrintUrl = true),
        new("--verbose", "-v", null, "log debug detail to stderr", null, (s, _) => s.Verbose = true),
        new("--log-file", null, "PATH", "also write the log to this file (also SSOCRED_LOG_FILE)", null, (s, v) => s.LogFile = v),
        new("--help", "-h", null, "show this help", [CredentialProcess], (s, _) => s.Help = true),
        new("--version", null, null, "print the version", [CredentialProcess], (s, _) => s.Version = true),
    ];

    public static bool IsCommand(string word) => Commands.Any(c => c.Key == word || c.Key.StartsWith(word + " ", StringComparison.Ordinal));

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
