using System.Text.Json;
using System.Text.Json.Serialization;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// An SSO token file in ~/.aws/sso/cache, in the AWS CLI v2's shape. Fields this version does
/// not know are kept, so rewriting a file the CLI wrote loses nothing.
/// </summary>
internal sealed class CachedToken
{
    [JsonPropertyName("startUrl")] public string? StartUrl { get; set; }
    [JsonPropertyName("region")] public string? Region { get; set; }
    [JsonPropertyName("accessToken")] public Secret? AccessToken { get; set; }
    [JsonPropertyName("expiresAt")] public string? ExpiresAt { get; set; }
    [JsonPropertyName("clientId")] public string? ClientId { get; set; }
    [JsonPropertyName("clientSecret")] public Secret? ClientSecret { get; set; }
    [JsonPropertyName("registrationExpiresAt")] public string? RegistrationExpiresAt { get; set; }
    [JsonPropertyName("refreshToken")] public Secret? RefreshToken { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    // Derived, not a field of the file: the AWS CLI's shape has only the fields above.
    [JsonIgnore]
    public DateTimeOffset? Expiry => CacheTime.TryParse(ExpiresAt, out var time) ? time : null;

    [JsonIgnore]
    public DateTimeOffset? RegistrationExpiry => CacheTime.TryParse(RegistrationExpiresAt, out var time) ? time : null;

    /// <summary>A file with no token or no readable expiry is of no use: treated as absent.</summary>
    [JsonIgnore]
    public bool IsUsable => AccessToken is { IsEmpty: false } && Expiry is not null;

    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) => IsUsable && Expiry!.Value - now >= margin;

    /// <summary>Refreshable: a refresh token and a client registration that has not expired.</summary>
    public bool CanRefresh(DateTimeOffset now) =>
        RefreshToken is { IsEmpty: false }
        && !string.IsNullOrEmpty(ClientId)
        && ClientSecret is { IsEmpty: false }
        && RegistrationExpiry is { } registrationExpiry
        && registrationExpiry > now;
}
