using System.Text.Json.Serialization;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// A client registration in ~/.aws/sso/cache, in the AWS CLI v2's shape. Only
/// <see cref="RegistrationCache"/> sees this shape; the rest of ssocred sees <see cref="ClientRegistration"/>.
/// </summary>
internal sealed class CachedRegistration
{
    [JsonPropertyName("clientId")] public string? ClientId { get; init; }
    [JsonPropertyName("clientSecret")] public Secret? ClientSecret { get; init; }
    [JsonPropertyName("expiresAt")] public string? ExpiresAt { get; init; }
    [JsonPropertyName("scopes")] public List<string>? Scopes { get; init; }
    [JsonPropertyName("grantTypes")] public List<string>? GrantTypes { get; init; }

    /// <summary>The registration; null when the file lacks the id, the secret or a readable expiry.</summary>
    public ClientRegistration? ToRegistration() =>
        ClientId is { Length: > 0 } clientId && ClientSecret is { IsEmpty: false } secret && CacheTime.TryParse(ExpiresAt, out var expiresAt)
            ? new ClientRegistration(clientId, secret, expiresAt) { Scopes = Scopes, GrantTypes = GrantTypes }
            : null;

    public static CachedRegistration From(ClientRegistration registration) => new()
    {
        ClientId = registration.ClientId,
        ClientSecret = registration.ClientSecret,
        ExpiresAt = CacheTime.Format(registration.ExpiresAt),
        Scopes = registration.Scopes?.ToList(),
        GrantTypes = registration.GrantTypes?.ToList(),
    };
}
