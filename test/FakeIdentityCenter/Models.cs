using System.Text.Json.Serialization;

namespace FakeIdentityCenter;

// Wire shapes, member names exactly as in the service models (botocore data/sso and data/sso-oidc, 2019-06-10).

internal sealed class OidcErrorBody
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}

internal sealed class PortalErrorBody
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

internal sealed class RegisterClientRequest
{
    [JsonPropertyName("clientName")]
    public string? ClientName { get; init; }

    [JsonPropertyName("clientType")]
    public string? ClientType { get; init; }

    [JsonPropertyName("scopes")]
    public IReadOnlyList<string>? Scopes { get; init; }

    [JsonPropertyName("redirectUris")]
    public IReadOnlyList<string>? RedirectUris { get; init; }

    [JsonPropertyName("grantTypes")]
    public IReadOnlyList<string>? GrantTypes { get; init; }

    [JsonPropertyName("issuerUrl")]
    public string? IssuerUrl { get; init; }

    [JsonPropertyName("entitledApplicationArn")]
    public string? EntitledApplicationArn { get; init; }
}

internal sealed class RegisterClientResponse
{
    [JsonPropertyName("clientId")]
    public required string ClientId { get; init; }

    [JsonPropertyName("clientSecret")]
    public required string ClientSecret { get; init; }

    [JsonPropertyName("clientIdIssuedAt")]
    public long ClientIdIssuedAt { get; init; }

    [JsonPropertyName("clientSecretExpiresAt")]
    public long ClientSecretExpiresAt { get; init; }

    [JsonPropertyName("authorizationEndpoint")]
    public string? AuthorizationEndpoint { get; init; }

    [JsonPropertyName("tokenEndpoint")]
    public string? TokenEndpoint { get; init; }
}

internal sealed class StartDeviceAuthorizationRequest
{
    [JsonPropertyName("clientId")]
    public string? ClientId { get; init; }

    [JsonPropertyName("clientSecret")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName("startUrl")]
    public string? StartUrl { get; init; }
}

internal sealed class StartDeviceAuthorizationResponse
{
    [JsonPropertyName("deviceCode")]
    public required string DeviceCode { get; init; }

    [JsonPropertyName("userCode")]
    public required string UserCode { get; init; }

    [JsonPropertyName("verificationUri")]
    public required string VerificationUri { get; init; }

    [JsonPropertyName("verificationUriComplete")]
    public required string VerificationUriComplete { get; init; }

    [JsonPropertyName("expiresIn")]
    public int ExpiresIn { get; init; }

    [JsonPropertyName("interval")]
    public int Interval { get; init; }
}

internal sealed class CreateTokenRequest
{
    [JsonPropertyName("clientId")]
    public string? ClientId { get; init; }

    [JsonPropertyName("clientSecret")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName("grantType")]
    public string? GrantType { get; init; }

    [JsonPropertyName("deviceCode")]
    public string? DeviceCode { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("refreshToken")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("scope")]
    public IReadOnlyList<string>? Scope { get; init; }

    [JsonPropertyName("redirectUri")]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("codeVerifier")]
    public string? CodeVerifier { get; init; }
}

internal sealed class CreateTokenResponse
{
    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("tokenType")]
    public string TokenType { get; init; } = "Bearer";

    [JsonPropertyName("expiresIn")]
    public int ExpiresIn { get; init; }

    [JsonPropertyName("refreshToken")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("idToken")]
    public string? IdToken { get; init; }
}

internal sealed class RoleCredentialsBody
{
    [JsonPropertyName("accessKeyId")]
    public required string AccessKeyId { get; init; }

    [JsonPropertyName("secretAccessKey")]
    public required string SecretAccessKey { get; init; }

    [JsonPropertyName("sessionToken")]
    public required string SessionToken { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    [JsonPropertyName("expiration")]
    public long Expiration { get; init; }
}

internal sealed class GetRoleCredentialsResponse
{
    [JsonPropertyName("roleCredentials")]
    public required RoleCredentialsBody RoleCredentials { get; init; }
}

internal sealed class AccountInfoBody
{
    [JsonPropertyName("accountId")]
    public required string AccountId { get; init; }

    [JsonPropertyName("accountName")]
    public required string AccountName { get; init; }

    [JsonPropertyName("emailAddress")]
    public required string EmailAddress { get; init; }
}

internal sealed class ListAccountsResponse
{
    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }

    [JsonPropertyName("accountList")]
    public required IReadOnlyList<AccountInfoBody> AccountList { get; init; }
}

internal sealed class RoleInfoBody
{
    [JsonPropertyName("roleName")]
    public required string RoleName { get; init; }

    [JsonPropertyName("accountId")]
    public required string AccountId { get; init; }
}

internal sealed class ListAccountRolesResponse
{
    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }

    [JsonPropertyName("roleList")]
    public required IReadOnlyList<RoleInfoBody> RoleList { get; init; }
}
