using System.Text;

namespace Ssocred.Platform;

/// <summary>The process's stderr: messages for a person and log lines, never results.</summary>
internal interface IStandardError
{
    TextWriter Writer { get; }
}

/// <summary>
/// Descriptor 2, raw (<see cref="DescriptorStream"/>; the .NET console would write terminal
/// set-up sequences), flushed at every write. A stderr that cannot be written is not a failure
/// of the run: what would have been said is dropped.
/// </summary>
internal sealed class ProcessStandardError : IStandardError
{
    private TextWriter? _writer;

    /// <summary>UTF-8 everywhere: on Windows through <see cref="Windows.WindowsConsole"/>, since .NET's console writer would use the console's code page.</summary>
    public TextWriter Writer => _writer ??= OperatingSystem.IsWindows()
        ? Windows.WindowsConsole.OpenStandardError()
        : new StreamWriter(new DescriptorStream(2, _ => null), new UTF8Encoding(false), bufferSize: 256) { AutoFlush = true, NewLine = "\n" };
}
