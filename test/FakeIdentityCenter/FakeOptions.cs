namespace FakeIdentityCenter;

/// <summary>
/// How a <see cref="FakeIdentityCenterServer"/> behaves. Copied at start: later changes to this object have no
/// effect (use the server's Set… methods to change behaviour while it runs).
/// </summary>
public sealed class FakeOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock behind every expiry decision.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Merely opening <c>/device?user_code=X</c> approves the device (a stand-in browser completes the sign-in).</summary>
    public bool AutoApprove { get; set; }

    /// <summary>The person refuses: <c>/authorize</c> redirects with <c>error=access_denied</c>.</summary>
    public bool DenyAuthorization { get; set; }

    /// <summary>
    /// Device-code polls that arrive faster than the device's interval answer <c>SlowDownException</c>
    /// and add 5 s to that device's interval (RFC 8628). Off by default.
    /// </summary>
    public bool EnforceSlowDown { get; set; }

    /// <summary>
    /// The start URL of the instance this fake is. When set, a device authorization must name it,
    /// and the portal and refresh refuse a token minted for another start URL (a device code's
    /// <c>startUrl</c>, a PKCE client's <c>issuerUrl</c>, or a seeded token's). Null: any start URL.
    /// </summary>
    public string? StartUrl { get; set; }

    /// <summary>When set, overrides the client's <c>max_result</c> on ListAccounts and ListAccountRoles.</summary>
    public int? PageSize { get; set; }

    /// <summary>Access tokens from CreateToken (<c>expiresIn</c>).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Role credentials from GetRoleCredentials.</summary>
    public TimeSpan RoleCredentialsLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Client registrations from RegisterClient (<c>clientSecretExpiresAt</c>).</summary>
    public TimeSpan ClientRegistrationLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Device codes from StartDeviceAuthorization (<c>expiresIn</c>).</summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>Polling interval announced by StartDeviceAuthorization; sent as whole seconds, rounded up.</summary>
    public TimeSpan DeviceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Authorization codes issued by <c>/authorize</c>.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The accounts and roles the signed-in person may use.</summary>
    public IReadOnlyList<FakeAccount> Accounts { get; set; } = FakeAccount.DefaultDirectory;

    /// <summary>Write warnings and errors to stderr (the runnable host turns this on). Off in-process.</summary>
    public bool LogToStandardError { get; set; }

    internal FakeOptions Copy()
    {
        var copy = (FakeOptions)MemberwiseClone();
        copy.Accounts = [.. Accounts.Select(a => a with { Roles = [.. a.Roles] })];
        return copy;
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Accounts);
        if (PageSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "PageSize must be at least 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(DeviceInterval, TimeSpan.Zero);
    }
}

/// <summary>One AWS account in the fake directory and the roles the person has in it.</summary>
public sealed record FakeAccount(string AccountId, string AccountName, string EmailAddress, IReadOnlyList<string> Roles)
{
    /// <summary>The default directory: three accounts, four role assignments.</summary>
    public static IReadOnlyList<FakeAccount> DefaultDirectory { get; } =
    [
        new("111122223333", "Demo", "demo@example.com", ["AdministratorAccess", "ReadOnly"]),
        new("444455556666", "Sandbox", "sandbox@example.com", ["ReadOnly"]),
        new("777788889999", "Production", "production@example.com", ["ReadOnly", "PowerUserAccess"]),
    ];
}
