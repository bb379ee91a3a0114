namespace Ssocred.Caching.Keyring;

/// <summary>
/// What an item holds, as SPEC §10 names it in the <c>kind</c> attribute: one keyring store per
/// kind, as one cache folder per kind of file.
/// </summary>
internal sealed record KeyringItemKind(string Name, string Description)
{
    public static readonly KeyringItemKind SsoToken = new("sso-token", "SSO token");

    public static readonly KeyringItemKind ClientRegistration = new("client-registration", "client registration");

    public static readonly KeyringItemKind RoleCredentials = new("role-credentials", "role credentials");

    /// <summary>The <c>service</c> attribute (and the Keychain service) of every item ssocred stores.</summary>
    public const string Service = "ssocred";

    public override string ToString() => Name;
}
