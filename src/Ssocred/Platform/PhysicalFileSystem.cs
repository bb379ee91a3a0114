using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ssocred.Platform;

internal sealed partial class PhysicalFileSystem : IFileSystem
{
    private const UnixFileMode OwnerOnlyDirectory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public byte[] ReadAllBytes(string path) =>
        OperatingSystem.IsWindows() ? Windows.SharedRead.ReadAllBytes(path) : File.ReadAllBytes(path);

    public byte[]? ReadSmallFile(string path, int maxBytes)
    {
        using var handle = OpenWithoutWaiting(path);

        // A device (and an empty file) has a length of 0, through any symlink; a FIFO has none.
        long length;
        try
        {
            length = RandomAccess.GetLength(handle);
        }
        catch (NotSupportedException)
        {
            return null; // not seekable: a FIFO or a socket
        }

        if (length == 0 || length > maxBytes)
        {
            return null;
        }

        var content = new byte[length];
        var read = 0;
        while (read < content.Length && RandomAccess.Read(handle, content.AsSpan(read), read) is var n and > 0)
        {
            read += n;
        }

        return read == content.Length ? content : content[..read];
    }

    /// <summary>
    /// Opens for reading without waiting: open(2) on a FIFO blocks until a writer comes, unless
    /// O_NONBLOCK (which changes nothing for a regular file). Same system calls as File.OpenHandle.
    /// </summary>
    private static SafeFileHandle OpenWithoutWaiting(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.OpenHandle(path);
        }

        var flags = OperatingSystem.IsMacOS() ? MacNonBlock | MacCloseOnExec : LinuxNonBlock | LinuxCloseOnExec;
        var descriptor = Open(path, flags);

        // Failed (missing, denied, …): .NET's own open says why, with the exception callers expect.
        return descriptor >= 0 ? new SafeFileHandle(descriptor, ownsHandle: true) : File.OpenHandle(path);
    }

    private const int LinuxNonBlock = 0x800;
    private const int LinuxCloseOnExec = 0x80000;
    private const int MacNonBlock = 0x4;
    private const int MacCloseOnExec = 0x1000000;

    // O_RDONLY is 0; no mode, since nothing is created.
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Windows.WindowsFileSecurity.CreatePrivateDirectory(path);
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

    public FolderExposure? FindOtherWriters(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return Windows.WindowsFileSecurity.FindOtherWriters(directory);
        }

        var mode = File.GetUnixFileMode(directory);
        return mode.HasFlag(UnixFileMode.OtherWrite) && !mode.HasFlag(UnixFileMode.StickyBit)
            ? new FolderExposure("every user", $"run: chmod 700 {Path.GetFullPath(directory)}")
            : null;
    }

    public Stream CreatePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Windows.WindowsFileSecurity.CreatePrivateFile(path);
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        options.UnixCreateMode = OwnerOnlyFile;
        var stream = new FileStream(path, options);
        // The create mode passes through the umask; 0600 must hold whatever it is.
        File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnlyFile);
        return stream;
    }

    public void Move(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            Windows.SharedRead.Replace(source, destination);
            return;
        }

        File.Move(source, destination, overwrite: true);
    }

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
