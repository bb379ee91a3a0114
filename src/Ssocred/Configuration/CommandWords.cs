using Ssocred.Platform;

namespace Ssocred.Configuration;

/// <summary>A command line split as this platform's tools split it: Windows rules on Windows, a POSIX shell's elsewhere.</summary>
internal static class CommandWords
{
    public static List<string>? TrySplit(string text, HostOs os) =>
        os == HostOs.Windows ? WindowsWords.TrySplit(text) : ShellWords.TrySplit(text);
}
