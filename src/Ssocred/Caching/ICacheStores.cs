using Ssocred.Configuration;

namespace Ssocred.Caching;

/// <summary>
/// The one seam that chooses where a session's entries live: its token, its client
/// registration and its role credentials. Every reader and writer of the credential path asks
/// here, so another store (a keyring) is a second implementation chosen per session.
/// </summary>
internal interface ICacheStores
{
    SessionCaches For(SsoSession session);

    /// <summary>Every store there is, for logout --all.</summary>
    IReadOnlyList<SessionCaches> All { get; }
}

/// <summary>A session's typed caches, each mapping its file shape to a domain type.</summary>
internal sealed record SessionCaches(TokenCache Tokens, RegistrationCache Registrations, RoleCredentialCache Roles);
