using Microsoft.Extensions.Caching.Distributed;

namespace Ssocred.Caching.Keyring;

/// <summary>
/// A keyring store whose OS calls are synchronous (the Keychain, the Credential Manager): the
/// asynchronous members forward to the synchronous ones, and nothing slides, since expiry lives
/// inside each entry as in the files.
/// </summary>
internal abstract class SynchronousKeyringStore : IKeyringStore
{
    public abstract KeyringItemKind Kind { get; }

    public abstract string Where(string key);

    public abstract bool Contains(string key);

    public abstract IEnumerable<string> Keys();

    public abstract byte[]? Get(string key);

    public abstract void Set(string key, byte[] value, DistributedCacheEntryOptions options);

    public abstract void Remove(string key);

    public void Refresh(string key)
    {
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }
}
