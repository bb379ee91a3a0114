namespace Ssocred.Caching;

/// <summary>
/// "Only one process does this": check the cache, take the lock, check again (another process
/// may have done the work while we waited), do the work, release. The timeout bounds the
/// wait for the lock, not the work.
/// </summary>
internal sealed class SingleFlight(CrossProcessLock locks)
{
    /// <param name="prepare">Runs before the lock is taken, only when the cache missed (e.g. create its folder).</param>
    public async Task<T> RunAsync<T>(
        string lockPath,
        Func<T?> readCache,
        Func<Task<T>> work,
        TimeSpan lockTimeout,
        Action? onLongWait,
        CancellationToken cancellationToken,
        Action? prepare = null)
        where T : class
    {
        if (readCache() is { } cached)
        {
            return cached;
        }

        prepare?.Invoke();
        using (await locks.AcquireAsync(lockPath, lockTimeout, onLongWait, cancellationToken).ConfigureAwait(false))
        {
            return readCache() ?? await work().ConfigureAwait(false);
        }
    }
}
