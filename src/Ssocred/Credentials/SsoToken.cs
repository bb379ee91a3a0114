using System.Text.Json;
using Ssocred.Diagnostics;

namespace Ssocred.Credentials;

/// <summary>
/// A session's SSO token: the bearer token and when it expires, and what renews it. Only
/// complete tokens exist: the cache boundary turns a file without a token or a readable expiry
/// into no token at all.
/// </summary>
/// <param name="StartUrl">The start URL the file names; null when it names none (older tools).</param>
/// <param name="Region">The region the file names; null when it names none.</param>
/// <param name="Client">The client registration the token was issued to; null when the file names none.</param>
/// <param name="RefreshToken">Null when the token cannot be refreshed (legacy sign-ins have none).</param>
internal sealed record SsoToken(
    Secret AccessToken,
    DateTimeOffset ExpiresAt,
    string? StartUrl,
    string? Region,
    ClientRegistration? Client,
    Secret? RefreshToken)
{
    /// <summary>
    /// Fields of another tool's token file that ssocred does not read, written back unchanged
    /// when the token is rewritten (after a refresh), so the other tool loses nothing.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? ForeignFields { get; init; }

    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) => ExpiresAt - now >= margin;

    /// <summary>Refreshable: a refresh token and a client registration that has not expired.</summary>
    public bool CanRefresh(DateTimeOffset now) => RefreshToken is not null && Client is { } client && client.ExpiresAt > now;
}
