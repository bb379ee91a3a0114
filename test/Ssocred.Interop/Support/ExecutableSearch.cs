namespace Ssocred.Interop.Support;

/// <summary>Finds programs on PATH as a shell would, without running anything.</summary>
internal static class ExecutableSearch
{
    public static string? OnPath(string name) => AllOnPath(name).FirstOrDefault();

    /// <summary>Every executable of that name, in PATH order (the AWS CLI v1 and v2 are both "aws").</summary>
    public static IEnumerable<string> AllOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .Where(IsExecutable)
            .Distinct(StringComparer.Ordinal);

    public static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
