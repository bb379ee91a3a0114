namespace Ssocred.Platform;

/// <summary>
/// Replaces this process with another program (execve on Unix): the program keeps our process
/// id, terminal and standard streams, so signals and the exit status are its own with nothing in
/// between.
/// </summary>
internal interface IProcessReplacer
{
    /// <summary>Whether this platform can (Unix); elsewhere the program runs as a child instead.</summary>
    bool IsSupported { get; }

    /// <summary>
    /// Runs <paramref name="path"/> in place of this process. Returns only when that fails: the
    /// reason, and whether it is that the file does not exist (127) rather than that it cannot be run (126).
    /// </summary>
    (bool NotFound, string Reason) Replace(string path, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment);
}
