using System.Text.Json.Serialization;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// A role-credential file in ~/.aws/cli/cache, in the shape botocore's SSOCredentialFetcher
/// writes: {"ProviderType":"sso","Credentials":{…}}.
/// </summary>
internal sealed class CachedRoleCredentials
{
    [JsonPropertyName("ProviderType")] public string? ProviderType { get; set; } = "sso";
    [JsonPropertyName("Credentials")] public RoleCredentialsBody? Credentials { get; set; }

    public RoleCredentials? ToCredentials() =>
        Credentials is { AccessKeyId: { Length: > 0 } id, SecretAccessKey: { IsEmpty: false } secret, SessionToken: { IsEmpty: false } session }
        && CacheTime.TryParse(Credentials.Expiration, out var expiration)
            ? new RoleCredentials(id, secret, session, expiration)
            : null;

    public static CachedRoleCredentials From(RoleCredentials credentials, string accountId) => new()
    {
        Credentials = new RoleCredentialsBody
        {
            AccessKeyId = credentials.AccessKeyId,
            SecretAccessKey = credentials.SecretAccessKey,
            SessionToken = credentials.SessionToken,
            Expiration = CacheTime.Format(credentials.Expiration),
            AccountId = accountId,
        },
    };
}

internal sealed class RoleCredentialsBody
{
    public string? AccessKeyId { get; set; }
    public Secret? SecretAccessKey { get; set; }
    public Secret? SessionToken { get; set; }
    public string? Expiration { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AccountId { get; set; }
}

/// <summary>Short-lived role credentials, as GetRoleCredentials returns them.</summary>
internal sealed record RoleCredentials(string AccessKeyId, Secret SecretAccessKey, Secret SessionToken, DateTimeOffset Expiration)
{
    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) => Expiration - now >= margin;
}
