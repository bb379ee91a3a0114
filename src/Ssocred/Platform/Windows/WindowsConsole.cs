using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Ssocred.Platform.Windows;

/// <summary>
/// Text to a Windows console without its code page getting in the way. .NET writes stderr in the
/// console's output code page (Windows-1252 or 437 on most machines: an em dash arrives as byte
/// 0x97), and switching the code page to UTF-8 would change it under the shell that started us
/// too. So a console gets its text through WriteConsoleW (UTF-16, right in any code page), and a
/// pipe or file gets UTF-8 bytes.
/// </summary>
[SupportedOSPlatform("windows")]
internal static partial class WindowsConsole
{
    private const int StandardOutputHandle = -11;
    private const int StandardErrorHandle = -12;
    private const uint GenericRead = 0x80000000;
    private const uint GenericWrite = 0x40000000;
    private const uint ShareReadWrite = 0x1 | 0x2;
    private const uint OpenExisting = 3;

    /// <summary>A console buffer's limit for one WriteConsoleW call is smaller on old systems.</summary>
    private const int Chunk = 8192;

    /// <summary>Our stderr as UTF-8 text, whatever it is connected to.</summary>
    public static TextWriter OpenStandardError()
    {
        var handle = new SafeFileHandle(GetStdHandle(StandardErrorHandle), ownsHandle: false);
        if (IsConsole(handle))
        {
            return new ConsoleWriter(handle);
        }

        return new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }

    /// <summary>
    /// Our stdout, whose bytes are UTF-8: a pipe or file gets them as they are (an SDK parses
    /// them), a console gets them decoded and written as text.
    /// </summary>
    public static Stream OpenStandardOutput()
    {
        var handle = new SafeFileHandle(GetStdHandle(StandardOutputHandle), ownsHandle: false);
        return IsConsole(handle) ? new ConsoleUtf8Stream(handle) : Console.OpenStandardOutput();
    }

    /// <summary>
    /// Writes to the console window this process belongs to (CONOUT$), which stays reachable when
    /// the caller captures stderr; false when there is none (a service, a GUI parent).
    /// </summary>
    public static bool TryWriteToConsole(string text)
    {
        using var console = CreateFileW("CONOUT$", GenericRead | GenericWrite, ShareReadWrite, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
        return !console.IsInvalid && TryWrite(console, text);
    }

    private static bool IsConsole(SafeFileHandle handle) => !handle.IsInvalid && GetConsoleMode(handle, out _);

    private static unsafe bool TryWrite(SafeFileHandle console, string text)
    {
        fixed (char* start = text)
        {
            for (var offset = 0; offset < text.Length;)
            {
                if (!WriteConsoleW(console, start + offset, Math.Min(Chunk, text.Length - offset), out var written, IntPtr.Zero) || written <= 0)
                {
                    return false;
                }

                offset += written;
            }
        }

        return true;
    }

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr GetStdHandle(int handle);

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetConsoleMode(SafeFileHandle console, out uint mode);

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static unsafe partial bool WriteConsoleW(SafeFileHandle console, char* buffer, int length, out int written, IntPtr reserved);

    [LibraryImport("kernel32.dll", EntryPoint = "CreateFileW", StringMarshalling = StringMarshalling.Utf16)]
    private static partial SafeFileHandle CreateFileW(string name, uint access, uint share, IntPtr security, uint disposition, uint flags, IntPtr template);

    /// <summary>UTF-8 bytes to a console as text; a character split across writes is kept until it is whole.</summary>
    private sealed class ConsoleUtf8Stream(SafeFileHandle console) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
            var count = _decoder.GetChars(buffer, chars, flush: false);
            if (count > 0)
            {
                TryWrite(console, new string(chars, 0, count));
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>
    /// A TextWriter over WriteConsoleW that passes each line on whole (log lines arrive in
    /// pieces); text that cannot be written is dropped, as Console.Error would drop it.
    /// </summary>
    private sealed class ConsoleWriter(SafeFileHandle console) : TextWriter
    {
        private readonly StringBuilder _pending = new();

        public override Encoding Encoding => Encoding.Unicode;

        public override void Write(char value)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                Flush();
            }
        }

        public override void Write(string? value)
        {
            _pending.Append(value);
            if (value is not null && value.Contains('\n', StringComparison.Ordinal))
            {
                Flush();
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Flush()
        {
            if (_pending.Length > 0)
            {
                TryWrite(console, _pending.ToString());
                _pending.Clear();
            }
        }

        protected override void Dispose(bool disposing)
        {
            Flush();
            base.Dispose(disposing);
        }
    }
}
