namespace FakeIdentityCenter;

/// <summary>Operation names used by <see cref="FakeIdentityCenterServer.Calls"/> and fault injection.</summary>
public static class Operations
{
    // SSO OIDC API
    public const string RegisterClient = "RegisterClient";
    public const string StartDeviceAuthorization = "StartDeviceAuthorization";
    public const string CreateToken = "CreateToken";

    // SSO portal API
    public const string GetRoleCredentials = "GetRoleCredentials";
    public const string ListAccounts = "ListAccounts";
    public const string ListAccountRoles = "ListAccountRoles";
    public const string Logout = "Logout";

    // The console's federation endpoint (signin.aws.amazon.com/federation; no SDK client)
    public const string GetSigninToken = "GetSigninToken";
    public const string ConsoleLogin = "ConsoleLogin";

    // Browser steps (not SDK operations)
    public const string Authorize = "Authorize";
    public const string VerifyDevice = "VerifyDevice";
    public const string ApproveDevice = "ApproveDevice";

    internal static readonly IReadOnlyList<string> Oidc = [RegisterClient, StartDeviceAuthorization, CreateToken];
    internal static readonly IReadOnlyList<string> Portal = [GetRoleCredentials, ListAccounts, ListAccountRoles, Logout];
    internal static readonly IReadOnlyList<string> Browser = [Authorize, VerifyDevice, ApproveDevice];
}

/// <summary>OAuth grant types as sent on the wire, and the short names used for counting.</summary>
public static class GrantTypes
{
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
    public const string RefreshToken = "refresh_token";
    public const string AuthorizationCode = "authorization_code";

    public const string DeviceCodeShort = "device_code";

    internal static readonly IReadOnlyList<string> All = [DeviceCode, RefreshToken, AuthorizationCode];

    /// <summary>"urn:ietf:params:oauth:grant-type:device_code" becomes "device_code"; others are unchanged.</summary>
    public static string ShortName(string grantType) =>
        grantType == DeviceCode ? DeviceCodeShort : grantType;
}
