using System.Diagnostics;

namespace Ssocred.EndToEnd.Support;

/// <summary>
/// A shell command run with a terminal of its own, through script(1) (util-linux): what it
/// writes to the terminal is logged to a file, and what the test writes to script's stdin is
/// typed into the terminal (a ^C there is the terminal's SIGINT to its foreground group).
/// </summary>
internal static class ScriptTerminal
{
    public static Process Start(string command, string log, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("script", ["--quiet", "--return", "--command", command, log])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
