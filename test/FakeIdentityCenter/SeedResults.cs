namespace FakeIdentityCenter;

/// <summary>A client registration, as RegisterClient would have answered it.</summary>
public sealed record RegisteredClient(
    string ClientId,
    string ClientSecret,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris,
    string? IssuerUrl);

/// <summary>An access token (and maybe a refresh token), as CreateToken would have answered it.</summary>
public sealed record IssuedToken(string ClientId, string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);
