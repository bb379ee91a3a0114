using Ssocred.Configuration;
using Ssocred.Diagnostics;

namespace Ssocred.Caching.Keyring;

/// <summary>
/// The caches of keyring sessions: each session's token, client registration and role
/// credentials are items of the OS keyring, labelled with the session's name; their locks stay
/// files in the AWS CLI's folders, where a file session's locks are.
/// </summary>
internal sealed class KeyringCacheStores(IKeyring keyring, FileCacheStore tokenFolder, FileCacheStore roleFolder, ILog log) : ICacheStores
{
    private readonly Dictionary<string, SessionCaches> _sessions = new(StringComparer.Ordinal);
    private SessionCaches? _unnamed;

    public IKeyring Keyring => keyring;

    /// <summary>Every keyring entry, whatever session stored it (logout --all).</summary>
    public IReadOnlyList<SessionCaches> All => [Unnamed()];

    public SessionCaches For(SsoSession session)
    {
        if (!_sessions.TryGetValue(session.TokenCacheId, out var caches))
        {
            caches = Build(
                new KeyringLabels(KeyringItemKind.SsoToken).Default(KeyringLabels.SsoToken(session.DisplayName)),
                new KeyringLabels(KeyringItemKind.ClientRegistration).Default(KeyringLabels.ClientRegistration(session.DisplayName)),
                new KeyringLabels(KeyringItemKind.RoleCredentials));
            _sessions[session.TokenCacheId] = caches;
        }

        return caches;
    }

    private SessionCaches Unnamed() => _unnamed ??= Build(
        new KeyringLabels(KeyringItemKind.SsoToken),
        new KeyringLabels(KeyringItemKind.ClientRegistration),
        new KeyringLabels(KeyringItemKind.RoleCredentials));

    private SessionCaches Build(KeyringLabels tokens, KeyringLabels registrations, KeyringLabels roles) => new(
        new TokenCache(new KeyringCacheStore(keyring.Store(tokens), tokenFolder, tokens), log),
        new RegistrationCache(new KeyringCacheStore(keyring.Store(registrations), tokenFolder, registrations), log),
        new RoleCredentialCache(new KeyringCacheStore(keyring.Store(roles), roleFolder, roles), log));
}
