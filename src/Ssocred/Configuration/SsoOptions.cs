namespace Ssocred.Configuration;

/// <summary>
/// What the command line says about where and how to sign in. Every command that reaches AWS
/// takes these; <see cref="ProfileResolver"/> fills the gaps from the config file.
/// </summary>
internal sealed record SsoOptions
{
    public static readonly TimeSpan DefaultMinTtl = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultLoginTimeout = TimeSpan.FromMinutes(10);

    public string? Profile { get; init; }
    public string? SsoSession { get; init; }
    public string? StartUrl { get; init; }
    public string? SsoRegion { get; init; }
    public string? AccountId { get; init; }
    public string? RoleName { get; init; }

    /// <summary>Credentials and tokens with less than this left are renewed.</summary>
    public TimeSpan MinTtl { get; init; } = DefaultMinTtl;
    public bool ForceRefresh { get; init; }
    public bool NoLogin { get; init; }
    public TimeSpan LoginTimeout { get; init; } = DefaultLoginTimeout;
    public bool UseDeviceCode { get; init; }
    public bool NoBrowser { get; init; }
    public int? CallbackPort { get; init; }
}
