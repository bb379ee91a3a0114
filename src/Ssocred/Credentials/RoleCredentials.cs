using Ssocred.Diagnostics;

namespace Ssocred.Credentials;

/// <summary>Short-lived role credentials, as GetRoleCredentials returns them.</summary>
internal sealed record RoleCredentials(string AccessKeyId, Secret SecretAccessKey, Secret SessionToken, DateTimeOffset Expiration)
{
    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) => Expiration - now >= margin;
}
