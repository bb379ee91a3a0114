using System.Text.Json.Serialization;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// A role-credential file in ~/.aws/cli/cache, in the shape botocore's SSOCredentialFetcher
/// writes: {"ProviderType":"sso","Credentials":{…}}. Written through this shape; read on the
/// warm path by <see cref="RoleCredentialsFile"/>.
/// </summary>
internal sealed class CachedRoleCredentials
{
    public const string SsoProvider = "sso";

    [JsonPropertyName("ProviderType")] public string? ProviderType { get; init; }
    [JsonPropertyName("Credentials")] public RoleCredentialsBody? Credentials { get; init; }

    public RoleCredentials? ToCredentials() =>
        Credentials is { AccessKeyId: { Length: > 0 } id, SecretAccessKey: { IsEmpty: false } secret, SessionToken: { IsEmpty: false } session }
        && CacheTime.TryParse(Credentials.Expiration, out var expiration)
            ? new RoleCredentials(id, secret, session, expiration, CacheTime.TryParse(Credentials.FetchedAt, out var fetched) ? fetched : null)
            : null;

    public static CachedRoleCredentials From(RoleCredentials credentials, string accountId) => new()
    {
        ProviderType = SsoProvider,
        Credentials = new RoleCredentialsBody
        {
            AccessKeyId = credentials.AccessKeyId,
            SecretAccessKey = credentials.SecretAccessKey,
            SessionToken = credentials.SessionToken,
            Expiration = CacheTime.Format(credentials.Expiration),
            AccountId = accountId,
            FetchedAt = credentials.FetchedAt is { } fetched ? CacheTime.Format(fetched) : null,
        },
    };
}

internal sealed class RoleCredentialsBody
{
    public string? AccessKeyId { get; init; }
    public Secret? SecretAccessKey { get; init; }
    public Secret? SessionToken { get; init; }
    public string? Expiration { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AccountId { get; init; }

    /// <summary>ssocred's own field (botocore reads only the four above): what lets a --min-ttl longer than the credentials reuse them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FetchedAt { get; init; }
}
