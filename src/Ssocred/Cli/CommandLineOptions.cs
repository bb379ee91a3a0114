using Ssocred.Commands;
using Ssocred.Output;

namespace Ssocred.Cli;

/// <summary>
/// The single definition of ssocred's grammar: commands, options, the values they allow and the
/// environment variables ssocred reads. The bare credential process parses it by hand (it runs
/// constantly and must stay cheap, <see cref="CommandLineParser"/>); the other commands go
/// through System.CommandLine built from the same table (<see cref="CommandTree"/>); help and
/// completion are rendered from it too.
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
    public const string Completion = "completion";
    public const string Help = "help";
    public const string Version = "version";

    /// <summary>The hidden command the completion scripts call on every Tab.</summary>
    public const string Complete = "__complete";

    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish", "powershell"];
    public static readonly IReadOnlyList<string> ListOutputs = ["text", "json"];

    public static readonly IReadOnlyList<string> CacheStores = ["file", "keyring"];

    private static readonly string[] SelectsSession = [CredentialProcess, Login, Logout, List, Export, Populate, Doctor, Exec, Serve, Console];
    private static readonly string[] SelectsProfile = [CredentialProcess, Login, Logout, List, Export, Doctor, Exec, Serve, Console];
    private static readonly string[] SelectsRole = [CredentialProcess, Export, Doctor, Exec, Serve, Console];
    private static readonly string[] UsesMargin = [CredentialProcess, Login, List, Export, Populate, Doctor, Exec, Serve, Console];
    private static readonly string[] GetsCredentials = [CredentialProcess, Export, Exec, Console];
    private static readonly string[] MaySignIn = [CredentialProcess, Login, List, Export, Populate, Exec, Serve, Console];

    /// <summary>Every command, in the order help lists them.</summary>
    public static readonly IReadOnlyList<CommandSpec> Commands =
    [
        new(Login, "sign in now (a refresh, or a browser sign-in) and cache the SSO token")
        {
            Examples =
            [
                new("ssocred login --profile demo-sso", "sign in for the session the profile uses"),
                new("ssocred login --sso-session corp --use-device-code", "sign in with a code typed on another device"),
            ],
        },
        new(Logout, "sign out: end the session and remove its cached token and credentials")
        {
            Examples = [new("ssocred logout --profile demo-sso", "sign out of that profile's session"), new("ssocred logout --all", "sign out of every cached session")],
        },
        new(List, "list the accounts and roles the session may use")
        {
            Examples = [new("ssocred list --sso-session corp", "an aligned table"), new("ssocred list --profile demo-sso --output json", "the same as JSON")],
        },
        new(Export, "print the credentials as shell variables (eval \"$(ssocred export --profile P)\")")
        {
            Examples =
            [
                new("eval \"$(ssocred export --profile demo-sso)\"", "credentials into a POSIX shell"),
                new("ssocred export --profile demo-sso --format fish | source", "into fish"),
                new("ssocred export --profile demo-sso --format dotenv > .env", "a .env file"),
            ],
        },
        new(Populate, "write one profile per account and role into the config file")
        {
            Details = "A second run updates only the credential_process line of the profiles ssocred wrote;\n"
                + "keys a person added to them (region, output, ...) stay. The file is backed up first.",
            Examples =
            [
                new("ssocred configure populate --sso-session corp --dry-run", "show the change as a diff"),
                new("ssocred configure populate --sso-session corp --region eu-west-1", "write the profiles, each with a region"),
                new("ssocred configure populate --sso-session corp --prune", "also remove profiles of roles that are gone"),
            ],
        },
        new(Doctor, "explain the configuration, the caches and what would happen next")
        {
            Examples = [new("ssocred doctor --profile demo", "every problem of the profile, and what a run would do")],
        },
        new(Exec, "run a command with the credentials in its environment")
        {
            Arguments = new Positional("[--] COMMAND [ARG...]", Required: true, Many: true)
            {
                WhenMissing = "exec needs a command to run (ssocred exec --profile P -- COMMAND [ARG...])",
            },
            Details = "COMMAND gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION,\n"
                + "AWS_REGION (from the profile's region) and SSOCRED_PROFILE; its exit status is ssocred's.",
            Examples =
            [
                new("ssocred exec --profile demo-sso -- aws s3 ls", "one command with the role's credentials"),
                new("ssocred exec --profile demo-sso --server -- terraform apply", "a credential endpoint that renews past the hour"),
            ],
        },
        new(Serve, "serve the credentials on 127.0.0.1 as a container-credentials endpoint for SDKs")
        {
            Examples = [new("eval \"$(ssocred serve --profile demo-sso &)\"", "point this shell's SDKs at it (AWS_CONTAINER_CREDENTIALS_FULL_URI)")],
        },
        new(Console, "open the AWS console in the browser, signed in as the role")
        {
            Examples =
            [
                new("ssocred console --profile demo-sso", "the console's home, in the profile's region"),
                new("ssocred console --profile demo-sso --url", "print the sign-in URL instead (it carries a secret)"),
            ],
        },
        new(Completion, "print a shell-completion script (bash, zsh, fish, powershell)")
        {
            Arguments = new Positional("SHELL", Required: true, AllowedValues: Shells),
            Examples =
            [
                new("source <(ssocred completion bash)", "in ~/.bashrc"),
                new("source <(ssocred completion zsh)", "in ~/.zshrc"),
                new("ssocred completion fish > ~/.config/fish/completions/ssocred.fish", "once, for fish"),
                new("ssocred completion powershell | Out-String | Invoke-Expression", "in $PROFILE"),
            ],
        },
        new(Help, "show the help of ssocred or of a command")
        {
            Arguments = new Positional("COMMAND", Required: false, Many: true),
            Examples = [new("ssocred help configure populate", "the same as: ssocred configure populate --help")],
        },
        new(Version, "print the version (the same as --version)") { Hidden = true },
        new(Complete, "completion candidates for the shell scripts") { Hidden = true, Arguments = new Positional("WORD", Required: false, Many: true) },
    ];

    /// <summary>Examples for the credential process itself (the top-level help).</summary>
    public static readonly IReadOnlyList<Example> CredentialProcessExamples =
    [
        new("credential_process = ssocred --profile demo-sso", "in ~/.aws/config, for every AWS SDK and the AWS CLI"),
        new("ssocred --profile demo-sso --no-login", "credentials, or exit 1 if a sign-in would be needed"),
        new("ssocred --sso-session corp --account-id 111122223333 --role-name Admin", "no profile needed"),
    ];

    /// <summary>The environment variables ssocred reads, for every help text.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Environment =
    [
        new("AWS_PROFILE", "the profile when --profile is not given (else 'default')"),
        new("AWS_CONFIG_FILE", "the config file (default ~/.aws/config)"),
        new("AWS_ENDPOINT_URL_SSO", "the portal endpoint (also AWS_ENDPOINT_URL)"),
        new("AWS_ENDPOINT_URL_SSO_OIDC", "the OIDC (sign-in) endpoint (also AWS_ENDPOINT_URL)"),
        new("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "'true' ignores the endpoint variables"),
        new("AWS_USE_FIPS_ENDPOINT", "'true' for FIPS endpoints"),
        new("AWS_USE_DUALSTACK_ENDPOINT", "'true' for dual-stack endpoints"),
        new("BROWSER", "the command that opens the sign-in page ('%s' is the URL)"),
        new("SSH_CONNECTION, DISPLAY, WAYLAND_DISPLAY", "without a display, sign-in uses a device code"),
        new("SSOCRED_NO_LOGIN", "'1' or 'true': never sign in, as --no-login"),
        new("SSOCRED_PROFILE", "set by exec for COMMAND; an exec of another profile inside it needs --nested"),
        new("AWS_ENDPOINT_URL_SIGNIN", "console's federation endpoint (default: the partition's sign-in)"),
        new("PATH", "where exec looks COMMAND up"),
        new("SSOCRED_LOG_FILE", "also write the log to this file, as --log-file"),
        new("SSOCRED_CACHE", "'keyring' or 'file': where every session keeps its tokens and credentials, as --cache"),
        new("SSOCRED_SECRET_SERVICE_TRANSPORT", "'dh': the Secret Service session is the encrypted one, not plain"),
        new("DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR", "where the D-Bus session bus of the Secret Service (the keyring on Linux) is"),
        new("HOME, USERPROFILE, HOMEDRIVE, HOMEPATH", "where ~/.aws is (on Windows: USERPROFILE, else HOMEDRIVE and HOMEPATH)"),
    ];

    public static readonly IReadOnlyList<OptionSpec> All =
    [
        new("--profile", null, "NAME", "the AWS config profile to read (default: AWS_PROFILE, else 'default')", SelectsProfile, (s, v) => s.Sso = s.Sso with { Profile = v }) { Completes = ValueSource.Profile },
        new("--sso-session", null, "NAME", "the [sso-session NAME] to use, overriding the profile's", SelectsSession, (s, v) => s.Sso = s.Sso with { SsoSession = v }) { Completes = ValueSource.Session },
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
        new("--output", null, "FORMAT", "text (an aligned table) or json", [List], (s, v) => s.Output = v) { AllowedValues = ListOutputs, Completes = ValueSource.Allowed },
        new("--format", null, "FORMAT", $"{string.Join(", ", CredentialExport.Formats)} (default {CredentialExport.DefaultFormat})", [Export], (s, v) => s.Format = v) { AllowedValues = CredentialExport.Formats, Completes = ValueSource.Allowed },
        new("--dry-run", null, null, "print the change as a diff instead of writing it", [Populate], (s, _) => s.DryRun = true),
        new("--prune", null, null, "also remove profiles ssocred wrote for roles the session no longer has", [Populate], (s, _) => s.Prune = true),
        new("--region", null, "REGION", "also write 'region = REGION' into each new profile", [Populate], (s, v) => s.Region = v),
        new("--profile-name-template", null, "TEMPLATE", $"profile names from {{account_name}}, {{account_id}}, {{role_name}}, {{session}} (default {PopulateOptions.DefaultNameTemplate})", [Populate], (s, v) => s.NameTemplate = v),
        new("--cache", null, "STORE", "keep the session's tokens and credentials in 'file' (shared with the AWS CLI) or the OS 'keyring' (also SSOCRED_CACHE, ssocred_cache)", SelectsSession, (s, v) => s.Sso = s.Sso with { Cache = v is "file" or "keyring" ? v : throw new Errors.UsageException($"--cache takes 'file' or 'keyring', not '{v}'") }) { AllowedValues = CacheStores, Completes = ValueSource.Allowed },
        new("--server", null, null, "give COMMAND a credential endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead of keys, renewed as long as it runs", [Exec], (s, _) => s.Server = true),
        new("--nested", null, null, "allow exec inside another profile's exec", [Exec], (s, _) => s.Nested = true),
        new("--port", null, "PORT", "the port on 127.0.0.1 to serve on (default: any free one)", [Serve], (s, v) => s.Port = CommandLineParser.ParsePort("--port", v)),
        new("--destination", null, "URL", "the console page to open (default: the console's home, in the profile's region)", [Console], (s, v) => s.Destination = v),
        new("--url", null, null, "print the sign-in URL instead of opening it", [Console], (s, _) => s.PrintUrl = true),
        new("--verbose", "-v", null, "log what ssocred does to stderr", null, (s, _) => s.Verbose = true),
        new("--log-file", null, "PATH", "also write that log to this file (also SSOCRED_LOG_FILE)", null, (s, v) => s.LogFile = v) { Completes = ValueSource.File },
        new("--help", "-h", null, "show this help", null, (s, _) => s.Help = true),
        new("--version", "-V", null, "print the version", [CredentialProcess], (s, _) => s.Version = true),
    ];

    public static bool IsCommand(string word) => FindGroup(word) is not null;

    /// <summary>The command named by the first word(s) of <paramref name="args"/>, and how many words it took.</summary>
    public static (CommandSpec? Command, int Words) FindCommand(IReadOnlyList<string> args)
    {
        foreach (var command in Commands)
        {
            var words = command.Words;
            if (args.Count >= words.Length && words.Select((w, i) => args[i] == w).All(match => match))
            {
                return (command, words.Length);
            }
        }

        return (null, 0);
    }

    /// <summary>The commands whose first word is <paramref name="word"/> (one, or a group such as 'configure').</summary>
    public static IReadOnlyList<CommandSpec>? FindGroup(string word)
    {
        var group = Commands.Where(c => c.Words[0] == word).ToList();
        return group.Count > 0 ? group : null;
    }

    public static CommandSpec? Command(string name) => Commands.FirstOrDefault(c => c.Name == name);

    public static IEnumerable<OptionSpec> For(string command) => All.Where(o => o.AppliesTo(command));

    public static OptionSpec? Find(string name) => All.FirstOrDefault(o => o.IsNamed(name));

    /// <summary>The words a person may type first: the visible commands' first words.</summary>
    public static IEnumerable<string> FirstWords() => Commands.Where(c => !c.Hidden).Select(c => c.Words[0]).Distinct();
}
