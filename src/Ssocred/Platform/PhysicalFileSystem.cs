namespace Ssocred.Platform;

internal sealed class PhysicalFileSystem : IFileSystem
{
    private const UnixFileMode OwnerOnlyDirectory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var missing = new Stack<string>();
        for (var dir = Path.GetFullPath(path); !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Push(dir);
            if (Path.GetDirectoryName(dir) is null)
            {
                break;
            }
        }

        while (missing.Count > 0)
        {
            var dir = missing.Pop();
            Directory.CreateDirectory(dir, OwnerOnlyDirectory);
            // mkdir's mode passes through the umask; set it again so a strange umask cannot change it.
            File.SetUnixFileMode(dir, OwnerOnlyDirectory);
        }
    }

    public bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    public UnixFileMode? GetUnixMode(string path) =>
        OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);

    public Stream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // The create mode passes through the umask; 0600 must hold whatever it is.
            File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnlyFile);
        }

        return stream;
    }

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Copy(string source, string destination) => File.Copy(source, destination, overwrite: false);

    public void SetUnixMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    public void Delete(string path) => File.Delete(path);

    public IEnumerable<string> EnumerateFiles(string directory, string searchPattern) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, searchPattern) : [];

    public IDisposable? TryLockExclusive(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            // On Unix, .NET implements FileShare.None with flock(LOCK_EX | LOCK_NB).
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            return new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
