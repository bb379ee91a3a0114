namespace Ssocred.Platform;

/// <summary>What looking a command up on PATH found.</summary>
internal enum LookupOutcome
{
    Found,
    NotFound,
    NotExecutable,
}

/// <summary>
/// Finds the file a command names, as a POSIX shell does without running one: a name with a
/// slash is taken as it is; otherwise each folder of PATH in turn, and the first executable file
/// there wins. A file that is found but may not be run is reported as such (exit 126 rather than 127).
/// </summary>
internal sealed class ProgramLookup(IFileSystem fileSystem)
{
    public (LookupOutcome Outcome, string Path) Find(string command, string? pathVariable)
    {
        if (command.Length == 0)
        {
            return (LookupOutcome.NotFound, command);
        }

        if (command.Contains('/', StringComparison.Ordinal) || (OperatingSystem.IsWindows() && command.Contains('\\', StringComparison.Ordinal)))
        {
            return (Check(command), command);
        }

        string? notExecutable = null;
        foreach (var folder in (pathVariable ?? string.Empty).Split(Path.PathSeparator))
        {
            // An empty entry means the current folder, as in the shell.
            foreach (var candidate in Candidates(Path.Combine(folder.Length == 0 ? "." : folder, command)))
            {
                switch (Check(candidate))
                {
                    case LookupOutcome.Found:
                        return (LookupOutcome.Found, candidate);
                    case LookupOutcome.NotExecutable:
                        notExecutable ??= candidate;
                        break;
                }
            }
        }

        return notExecutable is null ? (LookupOutcome.NotFound, command) : (LookupOutcome.NotExecutable, notExecutable);
    }

    private static IEnumerable<string> Candidates(string path)
    {
        yield return path;
        if (OperatingSystem.IsWindows() && !Path.HasExtension(path))
        {
            yield return path + ".exe";
        }
    }

    private LookupOutcome Check(string path)
    {
        if (!fileSystem.FileExists(path))
        {
            return LookupOutcome.NotFound;
        }

        if (OperatingSystem.IsWindows())
        {
            return LookupOutcome.Found;
        }

        return fileSystem.IsExecutable(path) ? LookupOutcome.Found : LookupOutcome.NotExecutable;
    }
}
