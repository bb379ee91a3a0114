namespace Ssocred.EndToEnd.Support;

/// <summary>
/// How the file under test is run, so the same tests run every build: directly, or through
/// SSOCRED_LAUNCHER, a command put before it (words separated by spaces), such as
/// <c>qemu-aarch64-static -L /usr/aarch64-linux-gnu</c> for the linux-arm64 file or
/// <c>/usr/lib/wine/wine64</c> for the win-x64 one (with WINEPREFIX naming a prefix of its own).
/// </summary>
internal static class SsocredLauncher
{
    private static readonly SemaphoreSlim OneWineTestAtATime = new(1, 1);

    public static IReadOnlyList<string> Prefix { get; } =
        (Environment.GetEnvironmentVariable("SSOCRED_LAUNCHER") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The file is a Windows program run by Wine.</summary>
    public static bool IsWine => Prefix.Count > 0 && Path.GetFileName(Prefix[0]).StartsWith("wine", StringComparison.Ordinal);

    /// <summary>The program to start and the arguments that come before ssocred's own.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Command(string executable) =>
        Prefix.Count == 0 ? (executable, []) : (Prefix[0], [.. Prefix.Skip(1), executable]);

    /// <summary>What a run needs besides the test's own variables: Wine's prefix and silence.</summary>
    public static void AddVariables(IDictionary<string, string> environment)
    {
        if (!IsWine)
        {
            return;
        }

        environment["WINEPREFIX"] = WinePrefix;
        environment["WINEDEBUG"] = "-all";
    }

    /// <summary>
    /// Wine gives a Windows program USERPROFILE = C:\users\NAME inside its prefix whatever the
    /// environment says, so that folder is pointed at the test's HOME: the test's ~/.aws is then
    /// the one ssocred uses. A prefix has one such folder, so Wine tests take turns.
    /// </summary>
    public static async Task EnterHomeAsync(TestHome home)
    {
        if (!IsWine)
        {
            return;
        }

        await OneWineTestAtATime.WaitAsync();
        var profile = Path.Combine(WinePrefix, "drive_c", "users", Environment.UserName);
        var info = new FileInfo(profile);
        if (info.Exists || info.LinkTarget is not null)
        {
            info.Delete(); // the link of the previous test
        }
        else if (Directory.Exists(profile))
        {
            Directory.Move(profile, profile + ".wine-original"); // Wine's own, kept aside
        }

        File.CreateSymbolicLink(profile, home.Root);
    }

    /// <summary>A path under the test's HOME as ssocred names it: under Wine, inside C:\users\NAME.</summary>
    public static string AsSeenByIt(TestHome home, string path) =>
        IsWine
            ? @"C:\users\" + Environment.UserName + path[home.Root.Length..].Replace('/', '\\')
            : path;

    public static void LeaveHome()
    {
        if (IsWine)
        {
            OneWineTestAtATime.Release();
        }
    }

    private static string WinePrefix =>
        Environment.GetEnvironmentVariable("WINEPREFIX")
        ?? throw new InvalidOperationException("SSOCRED_LAUNCHER runs Wine: set WINEPREFIX to a prefix of its own");
}
