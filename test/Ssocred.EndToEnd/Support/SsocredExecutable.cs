namespace Ssocred.EndToEnd.Support;

/// <summary>
/// The published ssocred file under test: SSOCRED_EXE, else artifacts/aot/ssocred as
/// './build.sh publish' leaves it. The tests never build it themselves, so they always run the
/// very file that ships.
/// </summary>
internal static class SsocredExecutable
{
    // Declared first: static initialisers run in order, and Find() needs the root.
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path { get; } = Find();

    private static string Find()
    {
        var path = Environment.GetEnvironmentVariable("SSOCRED_EXE")
            ?? System.IO.Path.Combine(RepositoryRoot, "artifacts", "aot", OperatingSystem.IsWindows() ? "ssocred.exe" : "ssocred");
        if (!File.Exists(path))
        {
            Assert.Fail($"the published ssocred is not at {path}: run ./build.sh publish (or set SSOCRED_EXE)");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (File.Exists(System.IO.Path.Combine(dir, "CredentialProcess.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
