using Microsoft.Win32.SafeHandles;

namespace Ssocred.Platform;

/// <summary>
/// Descriptors 0, 1 and 2 as the parent gave them. A parent may start us with one closed
/// (<c>ssocred &gt;&amp;-</c>). Then the runtime may already have put a copy of stderr there
/// before Main (CoreCLR does), or the next file opened would get that number; either way what we
/// "print" would land somewhere else — on stderr, or in a cache file. A descriptor inherited
/// across exec never has close-on-exec set, so one that has it was opened inside this process and
/// is not the parent's. Closed ones are filled with /dev/null so no file takes their number.
/// </summary>
internal static class StandardDescriptors
{
    private const int CloseOnExec = 1;

    /// <summary>Keeps the /dev/null handles open for the life of the process.</summary>
    private static readonly List<SafeFileHandle> Placeholders = [];

    public static bool StdoutClosed { get; private set; }

    /// <summary>Call first thing in Main, before any file (or the console) is opened.</summary>
    public static void Guard()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var flags = new[] { RawDescriptor.DescriptorFlags(0), RawDescriptor.DescriptorFlags(1), RawDescriptor.DescriptorFlags(2) };

        // open() returns the lowest free number: with k of 0..2 closed, k opens fill exactly those.
        foreach (var _ in flags.Where(f => f < 0))
        {
            Placeholders.Add(File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite));
        }

        StdoutClosed = flags[1] < 0 || (flags[1] & CloseOnExec) != 0;
    }
}
