using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Caching;

/// <summary>
/// An OS advisory lock on a .lock file beside a cache entry. The OS drops it when its holder
/// exits or is killed, so a lock file left behind never blocks anyone; a waiter polls and gives
/// up after the timeout.
/// </summary>
internal sealed class CrossProcessLock(IFileSystem fileSystem, TimeProvider time, ILog log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a waiter stays quiet before telling the person why it waits.</summary>
    public static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(2);

    /// <param name="onLongWait">Called once, when the wait passes <see cref="QuietWait"/>.</param>
    public async Task<IDisposable> AcquireAsync(string lockPath, TimeSpan timeout, Action? onLongWait, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var told = false;
        while (true)
        {
            try
            {
                if (fileSystem.TryLockExclusive(lockPath) is { } held)
                {
                    return held;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder we may not write to: go on unlocked, as the cache write will warn too.
                log.Warning("cannot lock {LockPath}: {Reason}; going on without the lock", lockPath, e.Message);
                return NotLocked.Instance;
            }

            var waited = time.GetElapsedTime(started);
            if (waited >= timeout)
            {
                throw new SsocredException(
                    $"gave up after {waited.TotalSeconds:0} s waiting for another ssocred process that holds {lockPath}",
                    "try again; if it keeps happening, look for a stuck ssocred process");
            }

            if (!told && waited >= QuietWait)
            {
                told = true;
                onLongWait?.Invoke();
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether another process holds the lock now (taken and dropped at once when free).</summary>
    public bool IsHeldElsewhere(string lockPath)
    {
        try
        {
            using var held = fileSystem.TryLockExclusive(lockPath);
            return held is null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed class NotLocked : IDisposable
    {
        public static readonly NotLocked Instance = new();

        public void Dispose()
        {
        }
    }
}
