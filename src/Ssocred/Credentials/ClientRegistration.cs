using Ssocred.Diagnostics;

namespace Ssocred.Credentials;

/// <summary>
/// A registered OIDC client: its id, its secret and when the secret expires; and, where known,
/// the scopes and grant types it was registered with (the AWS CLI caches them too).
/// </summary>
internal sealed record ClientRegistration(string ClientId, Secret ClientSecret, DateTimeOffset ExpiresAt)
{
    public IReadOnlyList<string>? Scopes { get; init; }

    public IReadOnlyList<string>? GrantTypes { get; init; }

    /// <summary>Registered for the authorization code grant, i.e. for a PKCE sign-in.</summary>
    public bool AllowsAuthorizationCode => GrantTypes?.Contains(Aws.SsoOidc.AuthorizationCodeGrant) == true;

    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) => ExpiresAt - now >= margin;
}
