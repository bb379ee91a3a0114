using System.Runtime.InteropServices;

namespace Ssocred.Platform;

/// <summary>
/// Stdout as <c>write(2)</c> on file descriptor 1. Console's own stream first initialises the
/// terminal: it creates Console.Out, installs SIGINT/SIGQUIT/SIGCONT/SIGCHLD handlers, opens a
/// pipe and starts a signal-handling thread — a tenth of the warm path's page faults for a
/// credential process that writes 200 bytes once (bench/findings.md). A <see cref="FileStream"/>
/// on the descriptor is no substitute: on a regular file it writes with <c>pwrite</c> at its own
/// offset, so <c>{ ssocred; echo; } &gt; file</c> would overwrite the answer. Like Console's
/// stream, a reader that has gone away (EPIPE) is not an error.
/// </summary>
internal sealed partial class UnixStandardOutputStream : Stream
{
    private const int StandardOutput = 1;
    private const int Interrupted = 4; // EINTR
    private const int BrokenPipe = 32; // EPIPE

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            nint written;
            fixed (byte* bytes = buffer)
            {
                written = WriteNative(StandardOutput, bytes, (nuint)buffer.Length);
            }

            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == BrokenPipe)
            {
                return;
            }

            if (error != Interrupted)
            {
                throw new IOException($"writing to stdout failed: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
        // Nothing is buffered.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // Bound at link time in the Native AOT build (DirectPInvoke in Ssocred.csproj).
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int descriptor, byte* buffer, nuint count);
}
