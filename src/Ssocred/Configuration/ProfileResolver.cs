using System.Text.RegularExpressions;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Configuration;

/// <summary>
/// Turns flags, environment and the config file into <see cref="SsoSettings"/>. Flags win over
/// the file, and the file is read only for what the flags leave open, so the one-line form
/// (<c>ssocred --sso-session corp --account-id … --role-name …</c>) needs no profile at all.
/// </summary>
internal sealed partial class ProfileResolver(IEnvironment environment, ConfigFileLoader loader)
{
    /// <summary>The profile a request names: --profile, else AWS_PROFILE, else "default".</summary>
    public string NamedProfile(SsoOptions options) => options.Profile ?? environment.Get("AWS_PROFILE") ?? "default";

    public SsoSettings Resolve(SsoOptions options, bool requireRole)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var profileName = NamedProfile(options);
        sources["profile"] = options.Profile is not null ? "--profile" : environment.Get("AWS_PROFILE") is not null ? "AWS_PROFILE" : "default";

        var configPath = loader.ConfigPath;
        sources["config file"] = environment.Get("AWS_CONFIG_FILE") is not null ? "AWS_CONFIG_FILE" : "default location";
        AwsConfigFile? config = null;
        var configLoaded = false;
        AwsConfigFile? Config()
        {
            if (!configLoaded)
            {
                config = loader.TryLoad(configPath);
                configLoaded = true;
            }

            return config;
        }

        static bool FlagsSayAll(SsoOptions o, bool requireRole) =>
            (o.SsoSession is not null || o is { StartUrl: not null, SsoRegion: not null })
            && (!requireRole || o is { AccountId: not null, RoleName: not null });

        ProfileReader? profile = null;
        ProfileChain.Followed? followed = null;
        if (!FlagsSayAll(options, requireRole))
        {
            var file = Config() ?? throw new SsocredException(
                $"the config file {configPath} does not exist, so profile '{profileName}' cannot be read",
                "create it (aws configure sso), set AWS_CONFIG_FILE, or pass --sso-session, --account-id and --role-name");
            // A profile that only runs ssocred stands for its credential_process line (SPEC §7).
            followed = ProfileChain.Follow(options, profileName, file);
            if (followed is not null)
            {
                options = followed.Options;
                sources["profile"] += $", then {followed.Describe()} through credential_process";
                profileName = NamedProfile(options);
            }

            if (!FlagsSayAll(options, requireRole))
            {
                var values = file.Profile(profileName) ?? throw new SsocredException(
                    $"profile '{profileName}' is not in {configPath}",
                    $"add a [{(profileName == "default" ? "default" : "profile " + profileName)}] section there, or pass --profile NAME");
                profile = new ProfileReader(values, $"profile '{profileName}' in {configPath}");
            }
        }

        var session = ResolveSession(options, profile, Config, configPath, sources, out var section);
        session = session with { Cache = ResolveCache(options, profile, section, sources) };
        RoleTarget? role = null;
        if (requireRole)
        {
            var accountId = Pick(options.AccountId, "--account-id", profile, "sso_account_id", sources);
            var roleName = Pick(options.RoleName, "--role-name", profile, "sso_role_name", sources);
            if (!AccountIdPattern().IsMatch(accountId))
            {
                throw new SsocredException(
                    $"sso_account_id '{accountId}' ({sources["sso_account_id"]}) is not an AWS account id",
                    "use the 12-digit id, e.g. 111122223333");
            }

            if (!RoleNamePattern().IsMatch(roleName))
            {
                throw new SsocredException(
                    $"sso_role_name '{roleName}' ({sources["sso_role_name"]}) is not a role name",
                    "use the permission set's name as the AWS access portal shows it, e.g. AdministratorAccess");
            }

            role = new RoleTarget(accountId, roleName);
        }

        var endpoints = ResolveEndpoints(session.Region, profile, sources);
        return new SsoSettings(profile is null ? null : profileName, configLoaded ? configPath : null, session, role, endpoints, sources)
        {
            ProfileRegion = followed?.Region ?? profile?.Get("region"),
            NamedProfile = followed?.Chain[0] ?? (profile is null ? null : profileName),
        };
    }

    private static SsoSession ResolveSession(
        SsoOptions options,
        ProfileReader? profile,
        Func<AwsConfigFile?> config,
        string configPath,
        Dictionary<string, string> sources,
        out ProfileReader? section)
    {
        section = null;
        var sessionName = options.SsoSession;
        sources["sso_session"] = "--sso-session";
        if (sessionName is null && options.StartUrl is null && profile?.Get("sso_session") is { } named)
        {
            sessionName = named;
            sources["sso_session"] = profile.Where;
        }

        if (sessionName is null)
        {
            sources.Remove("sso_session");
            var legacyUrl = Pick(options.StartUrl, "--start-url", profile, "sso_start_url", sources);
            var legacyRegion = Pick(options.SsoRegion, "--sso-region", profile, "sso_region", sources);
            return new SsoSession(null, ValidStartUrl(legacyUrl, sources), ValidRegion(legacyRegion, sources), ConfiguredScopes: null, UseDeviceCode: true);
        }

        if (options.StartUrl is null || options.SsoRegion is null)
        {
            var file = config() ?? throw new SsocredException(
                $"the config file {configPath} does not exist, so [sso-session {sessionName}] cannot be read",
                "create it (aws configure sso), or pass --start-url and --sso-region");
            var values = file.SsoSession(sessionName) ?? throw new SsocredException(
                $"there is no [sso-session {sessionName}] section in {configPath}" + (profile is null ? string.Empty : $" ({sources["sso_session"]} names it)"),
                $"add it with sso_start_url and sso_region, or fix the name");
            section = new ProfileReader(values, $"[sso-session {sessionName}] in {configPath}");
        }

        var startUrl = Pick(options.StartUrl, "--start-url", section, "sso_start_url", sources);
        var region = Pick(options.SsoRegion, "--sso-region", section, "sso_region", sources);

        // botocore refuses a profile whose own sso_start_url or sso_region disagrees with its session.
        foreach (var (key, value) in new[] { ("sso_start_url", startUrl), ("sso_region", region) })
        {
            if (profile?.Get(key) is { } own && own != value && section is not null)
            {
                throw new SsocredException(
                    $"{key} differs between {profile.Where} ('{own}') and {section.Where} ('{value}')",
                    $"remove {key} from the profile; the session's value is the one used");
            }
        }

        // Kept as written (null when unset): the AWS CLI names the registration file after them.
        var scopes = section?.Get("sso_registration_scopes") is { } scopeList
            ? scopeList.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray()
            : null;

        var useDeviceCode = string.Equals(section?.Get("sso_use_device_code"), "true", StringComparison.OrdinalIgnoreCase);
        return new SsoSession(sessionName, ValidStartUrl(startUrl, sources), ValidRegion(region, sources), scopes, useDeviceCode);
    }

    /// <summary>--cache, else SSOCRED_CACHE, else ssocred_cache of the profile, else of its [sso-session], else file.</summary>
    private CacheChoice ResolveCache(SsoOptions options, ProfileReader? profile, ProfileReader? section, Dictionary<string, string> sources)
    {
        var (value, source) = options.Cache is { } flag ? (flag, CacheChoices.Option)
            : environment.Get(CacheChoices.Variable) is { } variable ? (variable, CacheChoices.Variable)
            : profile?.Get(CacheChoices.ConfigKey) is { } own ? (own, profile.Where)
            : section?.Get(CacheChoices.ConfigKey) is { } shared ? (shared, section.Where)
            : (null, null);
        if (value is null)
        {
            return CacheChoice.File;
        }

        sources[CacheChoices.ConfigKey] = source!;
        return CacheChoices.Parse(value, source!);
    }

    public string ConfigPath => loader.ConfigPath;

    /// <summary>The endpoints for a region from the environment alone (no profile), e.g. for a cached token.</summary>
    public SsoEndpoints EndpointsFor(string region) =>
        ResolveEndpoints(region, profile: null, new Dictionary<string, string>(StringComparer.Ordinal));

    private SsoEndpoints ResolveEndpoints(string region, ProfileReader? profile, Dictionary<string, string> sources)
    {
        Uri? Endpoint(string specific)
        {
            if (IsTrue(environment.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")))
            {
                return null;
            }

            var (name, value) = environment.Get(specific) is { } v ? (specific, v)
                : environment.Get("AWS_ENDPOINT_URL") is { } g ? ("AWS_ENDPOINT_URL", g)
                : (null, null);
            if (value is null)
            {
                return null;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new SsocredException($"{name} is '{value}', which is not an http(s) URL", $"fix or unset {name}");
            }

            sources[specific] = name!;
            return uri;
        }

        bool Flag(string variable, string key)
        {
            if (environment.Get(variable) is { } set)
            {
                sources[key] = variable;
                return IsTrue(set);
            }

            if (profile?.Get(key) is { } configured)
            {
                sources[key] = profile.Where;
                return IsTrue(configured);
            }

            return false;
        }

        return new SsoEndpoints(
            Endpoint("AWS_ENDPOINT_URL_SSO"),
            Endpoint("AWS_ENDPOINT_URL_SSO_OIDC"),
            region,
            Flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"),
            Flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"));
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static string Pick(string? flag, string flagName, ProfileReader? reader, string key, Dictionary<string, string> sources)
    {
        if (flag is not null)
        {
            sources[key] = flagName;
            return flag;
        }

        if (reader?.Get(key) is { } value)
        {
            sources[key] = reader.Where;
            return value;
        }

        throw reader is null
            ? new UsageException($"{flagName} is required")
            : new SsocredException($"{reader.Where} has no {key}", $"add '{key} = …' there, or pass {flagName}");
    }

    // Uri accepts spaces (it escapes them), but a start URL never has one: "https://…/start # portal"
    // is a comment botocore keeps as part of the value.
    private static string ValidStartUrl(string value, Dictionary<string, string> sources) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !value.Any(char.IsWhiteSpace)
            ? value
            : throw new SsocredException(
                $"sso_start_url '{value}' ({sources["sso_start_url"]}) is not a URL",
                "use the AWS access portal URL, e.g. https://my-company.awsapps.com/start");

    private static string ValidRegion(string value, Dictionary<string, string> sources) =>
        RegionPattern().IsMatch(value)
            ? value
            : throw new SsocredException(
                $"sso_region '{value}' ({sources["sso_region"]}) is not an AWS region name",
                "use the region of your IAM Identity Center, e.g. us-east-1");

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();

    // IAM role names (and so permission set names): letters, digits and +=,.@_-; a space or '#'
    // means a comment that botocore kept as part of the value.
    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleNamePattern();

    // Region names become part of host names: lower-case words joined by single hyphens.
    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+){2,}$")]
    private static partial Regex RegionPattern();

    /// <summary>One section's values, and how messages name it.</summary>
    private sealed class ProfileReader(IReadOnlyDictionary<string, IniValue> values, string where)
    {
        public string Where { get; } = where;

        /// <summary>The key's value; null when absent or empty.</summary>
        public string? Get(string key)
        {
            if (!values.TryGetValue(key, out var value))
            {
                return null;
            }

            if (value.Nested is not null)
            {
                throw new SsocredException($"{key} in {Where} is a nested block, not a single value", $"write it as '{key} = value' on one line");
            }

            return value.Text.Length == 0 ? null : value.Text;
        }
    }
}
