using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Caching;

/// <summary>
/// One cache folder shared with the AWS CLI (~/.aws/sso/cache or ~/.aws/cli/cache): entry
/// KEY is the file KEY.json. Writes are atomic, files 0600 in 0700 folders; a file that cannot
/// be read counts as absent. A folder anyone may write to is refused, since anyone could plant
/// a token there or read what we write.
/// </summary>
internal sealed class FileCacheStore(string directory, IFileSystem fileSystem, ILog log) : SynchronousCache, ICacheStore
{
    /// <summary>No real entry comes near this: anything larger is not one, and is never read whole.</summary>
    public const int MaxEntryBytes = 1 << 20;

    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);
    private bool _folderChecked;

    public string Directory { get; } = directory;

    public string PathOf(string key) => Path.Combine(Directory, key + ".json");

    public string LockPathOf(string key) => Path.Combine(Directory, key + ".lock");

    public string Where(string key) => PathOf(key);

    public bool Contains(string key) => fileSystem.FileExists(PathOf(key));

    /// <summary>Every entry of the folder (KEY of each KEY.json), the AWS CLI's as well as ours.</summary>
    public IEnumerable<string> Keys() =>
        fileSystem.EnumerateFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();

    public override byte[]? Get(string key)
    {
        var path = PathOf(key);
        try
        {
            EnsureFolderIsPrivate(create: false);
            var content = fileSystem.ReadSmallFile(path, MaxEntryBytes);
            if (content is null)
            {
                log.Debug("ignoring the cache file {Path}: it is empty, not a regular file, or larger than 1 MiB", path);
            }

            return content;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An entry is read again after its lock is taken: one warning per file is enough.
            if (_unreadable.Add(path))
            {
                log.Warning("cannot read the cache file {Path}: {Reason}", path, e.Message);
            }

            return null;
        }
    }

    public override void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        EnsureFolderIsPrivate(create: true);
        AtomicFile.Write(fileSystem, PathOf(key), value);
    }

    public override void Remove(string key)
    {
        try
        {
            fileSystem.Delete(PathOf(key));
        }
        catch (Exception e) when (e is DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// Readies the folder for a write and its lock: false (with a warning) where it cannot be
    /// created, since a cache that cannot be written must not stop credentials being printed.
    /// </summary>
    public bool TryPrepare()
    {
        try
        {
            EnsureFolderIsPrivate(create: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("cannot create the cache folder {Path}: {Reason}", Directory, e.Message);
            return false;
        }
    }

    /// <summary>Creates the folder (0700) where needed, and refuses one that anyone may write to.</summary>
    public void EnsureFolderIsPrivate(bool create)
    {
        if (_folderChecked)
        {
            return;
        }

        if (!fileSystem.DirectoryExists(Directory))
        {
            if (!create)
            {
                return;
            }

            fileSystem.CreatePrivateDirectory(Directory);
        }

        if (fileSystem.FindOtherWriters(Directory) is { } exposure)
        {
            throw new SsocredException(
                $"the cache folder {Path.GetFullPath(Directory)} is writable by {exposure.Who}, so its files cannot be trusted",
                exposure.Fix);
        }

        _folderChecked = true;
    }
}
