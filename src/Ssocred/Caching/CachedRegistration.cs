using System.Text.Json.Serialization;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>A client registration in ~/.aws/sso/cache, in the AWS CLI v2's shape.</summary>
internal sealed class CachedRegistration
{
    [JsonPropertyName("clientId")] public string? ClientId { get; set; }
    [JsonPropertyName("clientSecret")] public Secret? ClientSecret { get; set; }
    [JsonPropertyName("expiresAt")] public string? ExpiresAt { get; set; }
    [JsonPropertyName("scopes")] public List<string>? Scopes { get; set; }
    [JsonPropertyName("grantTypes")] public List<string>? GrantTypes { get; set; }

    // Derived, not a field of the file: the AWS CLI's shape has only the fields above.
    [JsonIgnore]
    public DateTimeOffset? Expiry => CacheTime.TryParse(ExpiresAt, out var time) ? time : null;

    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) =>
        !string.IsNullOrEmpty(ClientId) && ClientSecret is { IsEmpty: false } && Expiry is { } expiry && expiry - now >= margin;
}
