namespace Ssocred.Configuration;

/// <summary>
/// One request, resolved once from the command line, the environment and the config file: what
/// to fetch, when cached entries are renewed, and how a sign-in goes if one is needed. Past the
/// resolver, each class takes only the part it uses.
/// </summary>
internal sealed record CredentialRequest(SsoSettings Settings, RefreshPolicy Refresh, SignInPreferences SignIn)
{
    public SsoSession Session => Settings.Session;
}

/// <summary>When cached credentials and tokens are renewed, and what may be done to renew them.</summary>
internal sealed record RefreshPolicy
{
    public static readonly TimeSpan DefaultMargin = TimeSpan.FromMinutes(15);

    /// <summary>Credentials and tokens with less than this left are renewed (--min-ttl).</summary>
    public TimeSpan Margin { get; init; } = DefaultMargin;

    /// <summary>Cached role credentials are ignored (--force-refresh).</summary>
    public bool ForceRefresh { get; init; }

    /// <summary>Never start a sign-in; fail instead (--no-login, SSOCRED_NO_LOGIN).</summary>
    public bool NoLogin { get; init; }

    /// <summary>
    /// How long to wait for another process's lock (role or session). The holder may be signing
    /// in, so the wait is as long as a sign-in may take (--login-timeout).
    /// </summary>
    public TimeSpan LockWait { get; init; } = SignInPreferences.DefaultTimeout;
}

/// <summary>How a sign-in goes when one is needed.</summary>
internal sealed record SignInPreferences
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>--use-device-code.</summary>
    public bool UseDeviceCode { get; init; }

    /// <summary>Open no browser; print the URL (--no-browser).</summary>
    public bool NoBrowser { get; init; }

    /// <summary>The loopback port for the PKCE callback (--callback-port); null: any free port.</summary>
    public int? CallbackPort { get; init; }

    /// <summary>A sign-in nobody completes is given up after this (--login-timeout).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
}
