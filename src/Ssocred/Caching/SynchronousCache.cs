using Microsoft.Extensions.Caching.Distributed;

namespace Ssocred.Caching;

/// <summary>
/// An <see cref="IDistributedCache"/> whose storage calls are synchronous (files, the Keychain,
/// the Credential Manager): the asynchronous members forward to the synchronous ones, and
/// nothing slides, since expiry lives inside each entry as the AWS CLI keeps it.
/// </summary>
internal abstract class SynchronousCache : IDistributedCache
{
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
