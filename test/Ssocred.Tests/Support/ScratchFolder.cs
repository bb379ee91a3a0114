namespace Ssocred.Tests.Support;

/// <summary>
/// A private folder for tests that write many small files: on tmpfs (/dev/shm) where there is
/// one, so neither fsync nor other tests' disk traffic slows them; deleted on dispose.
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string prefix)
    {
        Path = Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(System.IO.Path.Combine("/dev/shm", $"{prefix}{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
