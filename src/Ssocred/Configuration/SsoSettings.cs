namespace Ssocred.Configuration;

/// <summary>An IAM Identity Center sign-in: an [sso-session] or a legacy profile's start URL.</summary>
/// <param name="Name">The sso-session name; null for a legacy profile.</param>
/// <param name="ConfiguredScopes">
/// sso_registration_scopes as the AWS CLI parses it (split at commas, trimmed, empties dropped);
/// null when not set. "," gives an empty list: the AWS CLI names the registration file after that.
/// </param>
internal sealed record SsoSession(
    string? Name,
    string StartUrl,
    string Region,
    IReadOnlyList<string>? ConfiguredScopes,
    bool UseDeviceCode)
{
    public const string DefaultScope = "sso:account:access";

    /// <summary>
    /// The scopes the configuration names; null when it names none (unset, empty, or only commas).
    /// The one rule for "no scopes": a device-code registration then asks for none (the service's
    /// default), and everything else uses <see cref="DefaultScope"/>.
    /// </summary>
    public IReadOnlyList<string>? NamedScopes => ConfiguredScopes is { Count: > 0 } named ? named : null;

    /// <summary>The scopes a sign-in asks for: those named, else <see cref="DefaultScope"/>.</summary>
    public IReadOnlyList<string> Scopes => NamedScopes ?? [DefaultScope];

    public bool IsLegacy => Name is null;

    /// <summary>What the token cache file is named after, as the AWS CLI does it.</summary>
    public string TokenCacheId => Name ?? StartUrl;

    /// <summary>How messages name it: the session, or the start URL of a legacy profile.</summary>
    public string DisplayName => Name ?? StartUrl;

    /// <summary>Where its token, registration and role credentials are kept (SPEC §10).</summary>
    public CacheChoice Cache { get; init; } = CacheChoice.File;
}

/// <summary>The account and role whose credentials are wanted.</summary>
internal sealed record RoleTarget(string AccountId, string RoleName);

/// <summary>Where the two IAM Identity Center APIs are reached.</summary>
/// <param name="PortalUrl">An override (AWS_ENDPOINT_URL_SSO or AWS_ENDPOINT_URL), else null.</param>
/// <param name="OidcUrl">An override (AWS_ENDPOINT_URL_SSO_OIDC or AWS_ENDPOINT_URL), else null.</param>
internal sealed record SsoEndpoints(Uri? PortalUrl, Uri? OidcUrl, string Region, bool UseFips, bool UseDualStack);

/// <summary>Everything one command needs to know about where to sign in and what to get.</summary>
/// <param name="ProfileName">The profile read, or null when flags said everything.</param>
/// <param name="Role">Null for commands that need no role (login, list, logout).</param>
/// <param name="Sources">Setting name → where its value came from, for messages and doctor.</param>
internal sealed record SsoSettings(
    string? ProfileName,
    string? ConfigPath,
    SsoSession Session,
    RoleTarget? Role,
    SsoEndpoints Endpoints,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>The profile's <c>region</c> (for export, exec and console), or null.</summary>
    public string? ProfileRegion { get; init; }

    /// <summary>The profile the command line (or AWS_PROFILE) named, before any credential_process was followed.</summary>
    public string? NamedProfile { get; init; }

    /// <summary>How hints name this setup on a command line: "--profile demo" or "--sso-session corp".</summary>
    public string CommandLineSelector =>
        ProfileName is not null ? $"--profile {ProfileName}"
        : Session.Name is not null ? $"--sso-session {Session.Name}"
        : $"--start-url {Session.StartUrl} --sso-region {Session.Region}";
}
