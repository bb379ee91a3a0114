using Microsoft.Extensions.Caching.Distributed;

namespace Ssocred.Caching.Keyring;

/// <summary>
/// A keyring store in the place of a cache folder: entries go to the keyring, while the lock of
/// each entry stays the file it always was (SPEC §10), so a keyring session keeps the single
/// flight of every other session. Nothing but lock files is written to the folder.
/// </summary>
internal sealed class KeyringCacheStore(IKeyringStore keyring, FileCacheStore lockFolder, KeyringLabels labels) : ICacheStore
{
    public IKeyringStore Keyring => keyring;

    public string Where(string key) => keyring.Where(key);

    public string LockPathOf(string key) => lockFolder.LockPathOf(key);

    public bool TryPrepare() => lockFolder.TryPrepare();

    public bool Contains(string key) => keyring.Contains(key);

    public IEnumerable<string> Keys() => keyring.Keys();

    public string EntryName => "keyring item";

    public void Name(string key, string description) => labels.Name(key, $"ssocred: {description}");

    public byte[]? Get(string key) => keyring.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => keyring.GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => keyring.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        keyring.SetAsync(key, value, options, token);

    public void Refresh(string key) => keyring.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => keyring.RefreshAsync(key, token);

    public void Remove(string key) => keyring.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => keyring.RemoveAsync(key, token);
}
