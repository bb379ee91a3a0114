using System.Runtime.InteropServices;

namespace Ssocred.Platform;

/// <summary>
/// write(2), isatty(3) and fcntl(F_GETFD) on a Unix descriptor, through the runtime's own native shim
/// (libSystem.Native, linked into every .NET app). Not FileStream: on a regular file it writes
/// with pwrite at a position of its own and never moves the descriptor's offset, so stdout and
/// stderr sent to one file (<c>&gt;log 2&gt;&amp;1</c>) would overwrite each other. Not the
/// console: its first write switches the terminal's keypad mode.
/// </summary>
internal static partial class RawDescriptor
{
    /// <exception cref="IOException">The descriptor cannot be written (closed, full disk, broken pipe).</exception>
    public static unsafe void Write(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var written = 0;
            while (written < bytes.Length)
            {
                var count = SystemNativeWrite(fd, start + written, bytes.Length - written);
                if (count < 0)
                {
                    throw new IOException(Marshal.GetLastPInvokeErrorMessage(), Marshal.GetLastPInvokeError());
                }

                written += count;
            }
        }
    }

    public static bool IsTerminal(int fd) => SystemNativeIsATty(fd);

    /// <summary>fcntl(fd, F_GETFD): -1 for a closed descriptor, else its flags (1: close-on-exec).</summary>
    public static int DescriptorFlags(int fd) => SystemNativeFcntlGetFD(fd);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Write", SetLastError = true)]
    private static unsafe partial int SystemNativeWrite(nint fd, byte* buffer, int bufferSize);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_FcntlGetFD")]
    private static partial int SystemNativeFcntlGetFD(nint fd);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_IsATty")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool SystemNativeIsATty(nint fd);
}
