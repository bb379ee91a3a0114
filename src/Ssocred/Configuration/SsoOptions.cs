namespace Ssocred.Configuration;

/// <summary>
/// What the command line says about where and how to sign in, as parsed. Only
/// <see cref="RequestResolver"/> reads these: it fills the gaps from the environment and the
/// config file and hands on a <see cref="CredentialRequest"/>.
/// </summary>
internal sealed record SsoOptions
{
    public string? Profile { get; init; }
    public string? SsoSession { get; init; }
    public string? StartUrl { get; init; }
    public string? SsoRegion { get; init; }
    public string? AccountId { get; init; }
    public string? RoleName { get; init; }

    /// <summary>Credentials and tokens with less than this left are renewed.</summary>
    public TimeSpan MinTtl { get; init; } = RefreshPolicy.DefaultMargin;
    public bool ForceRefresh { get; init; }
    public bool NoLogin { get; init; }
    public TimeSpan LoginTimeout { get; init; } = SignInPreferences.DefaultTimeout;
    public bool UseDeviceCode { get; init; }
    public bool NoBrowser { get; init; }
    public int? CallbackPort { get; init; }

    /// <summary>--cache as given: "file" or "keyring" (checked where the session is resolved).</summary>
    public string? Cache { get; init; }
}
