using Ssocred.Platform;

namespace Ssocred.Caching;

/// <summary>
/// Replaces a file so that a reader sees the old content or the new, never a part: the AWS CLI
/// and other ssocred processes read cache files without locks.
/// </summary>
internal static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    public static void Write(IFileSystem fileSystem, string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        RemoveLeftovers(fileSystem, directory, name);

        // Same folder, because rename is atomic only within one file system. The name never ends
        // in .json: other tools read every *.json file in these folders.
        var temp = Path.Combine(directory, $"{name}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var stream = (FileStream)fileSystem.CreatePrivateFile(temp))
            {
                stream.Write(content);
                // On disk before the rename, so a crash cannot leave the new name on empty data.
                stream.Flush(flushToDisk: true);
            }

            fileSystem.Move(temp, path);
        }
        catch
        {
            TryDelete(fileSystem, temp);
            throw;
        }
    }

    /// <summary>Temporary files of this entry left by a writer that was killed.</summary>
    private static void RemoveLeftovers(IFileSystem fileSystem, string directory, string name)
    {
        foreach (var leftover in fileSystem.EnumerateFiles(directory, $"{name}.*{TempSuffix}"))
        {
            TryDelete(fileSystem, leftover);
        }
    }

    private static void TryDelete(IFileSystem fileSystem, string path)
    {
        try
        {
            fileSystem.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover that cannot be removed now is removed by a later write.
        }
    }
}
