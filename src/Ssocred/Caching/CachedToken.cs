using System.Text.Json;
using System.Text.Json.Serialization;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// An SSO token file in ~/.aws/sso/cache, in the AWS CLI v2's shape. Fields this version does
/// not know are kept, so rewriting a file the CLI wrote loses nothing. Only
/// <see cref="TokenCache"/> sees this shape; the rest of ssocred sees <see cref="SsoToken"/>.
/// </summary>
internal sealed class CachedToken
{
    [JsonPropertyName("startUrl")] public string? StartUrl { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("accessToken")] public Secret? AccessToken { get; init; }
    [JsonPropertyName("expiresAt")] public string? ExpiresAt { get; init; }
    [JsonPropertyName("clientId")] public string? ClientId { get; init; }
    [JsonPropertyName("clientSecret")] public Secret? ClientSecret { get; init; }
    [JsonPropertyName("registrationExpiresAt")] public string? RegistrationExpiresAt { get; init; }
    [JsonPropertyName("refreshToken")] public Secret? RefreshToken { get; init; }
    // Settable, not init: the serializer cannot fill extension data through init accessors.
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The token; null when the file has no token or no readable expiry (of no use: absent).</summary>
    public SsoToken? ToToken()
    {
        if (AccessToken is not { IsEmpty: false } accessToken || !CacheTime.TryParse(ExpiresAt, out var expiresAt))
        {
            return null;
        }

        var client = ClientId is { Length: > 0 } clientId
            && ClientSecret is { IsEmpty: false } clientSecret
            && CacheTime.TryParse(RegistrationExpiresAt, out var registrationExpiresAt)
                ? new ClientRegistration(clientId, clientSecret, registrationExpiresAt)
                : null;
        var refreshToken = RefreshToken is { IsEmpty: false } refresh ? refresh : (Secret?)null;
        return new SsoToken(accessToken, expiresAt, StartUrl, Region, client, refreshToken) { ForeignFields = Extra };
    }

    public static CachedToken From(SsoToken token, bool withForeignFields = true) => new()
    {
        StartUrl = token.StartUrl,
        Region = token.Region,
        AccessToken = token.AccessToken,
        ExpiresAt = CacheTime.Format(token.ExpiresAt),
        ClientId = token.Client?.ClientId,
        ClientSecret = token.Client?.ClientSecret,
        RegistrationExpiresAt = token.Client is { } client ? CacheTime.Format(client.ExpiresAt) : null,
        RefreshToken = token.RefreshToken,
        Extra = withForeignFields && token.ForeignFields is { } foreign ? new Dictionary<string, JsonElement>(foreign, StringComparer.Ordinal) : null,
    };
}
