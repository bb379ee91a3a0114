using Ssocred.Caching.Keyring;
using Ssocred.Configuration;

namespace Ssocred.Caching;

/// <summary>
/// Each session's caches where its <see cref="SsoSession.Cache"/> says: the AWS CLI's files, or
/// the OS keyring. The keyring is built on first use, so a file session never loads or talks to
/// it (not even D-Bus), and the warm path of the default stays what it was.
/// </summary>
/// <param name="keyringForAll">Whether --cache keyring or SSOCRED_CACHE=keyring was given, so logout --all covers the keyring too.</param>
internal sealed class CacheStoresByChoice(FileCacheStores files, Func<KeyringCacheStores> keyring, bool keyringForAll) : ICacheStores
{
    private KeyringCacheStores? _keyring;

    public IReadOnlyList<SessionCaches> All => keyringForAll ? [.. files.All, .. Keyring().All] : files.All;

    public SessionCaches For(SsoSession session) => session.Cache == CacheChoice.Keyring ? Keyring().For(session) : files.For(session);

    /// <summary>The keyring's stores (built now if they were not).</summary>
    public KeyringCacheStores Keyring() => _keyring ??= keyring();
}
