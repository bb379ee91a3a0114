namespace Ssocred.Platform;

/// <summary>The file operations ssocred needs, each a thin forward to System.IO.</summary>
internal interface IFileSystem
{
    /// <summary>Reads a whole file; throws the usual IO exceptions (missing, directory, denied).</summary>
    byte[] ReadAllBytes(string path);

    /// <summary>
    /// Reads a whole regular file of 1 to <paramref name="maxBytes"/> bytes; null when the path is
    /// anything else (empty, a FIFO, a device, a symlink to one, or larger). Never blocks on a FIFO
    /// and never reads more than <paramref name="maxBytes"/>. Throws the usual IO exceptions
    /// (missing, directory, denied).
    /// </summary>
    byte[]? ReadSmallFile(string path, int maxBytes);

    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Whether the file has an execute permission bit (always true where the platform has none).</summary>
    bool IsExecutable(string path);

    /// <summary>Creates the folder and its missing parents with mode 0700 whatever the umask (an owner-only ACL on Windows).</summary>
    void CreatePrivateDirectory(string path);

    /// <summary>The folder's permission bits, or null where the platform has none.</summary>
    UnixFileMode? GetUnixMode(string path);

    /// <summary>
    /// Who besides its owner may write to the folder, so could plant or replace what is in it:
    /// on Unix every user when the mode has o+w without the sticky bit, on Windows the accounts
    /// its ACL lets write. Null when only the owner (and the system) may.
    /// </summary>
    FolderExposure? FindOtherWriters(string directory);

    /// <summary>Creates a new file (failing if it exists) readable only by its owner (mode 0600, or an owner-only ACL).</summary>
    Stream CreatePrivateFile(string path);

    void Move(string source, string destination);

    void Copy(string source, string destination);

    void SetUnixMode(string path, UnixFileMode mode);

    void Delete(string path);

    IEnumerable<string> EnumerateFiles(string directory, string searchPattern);

    /// <summary>
    /// Takes an OS advisory lock (flock on Unix) on the file without waiting: the open handle,
    /// or null when another process holds it. The OS releases it when the holder dies.
    /// </summary>
    IDisposable? TryLockExclusive(string path);
}
