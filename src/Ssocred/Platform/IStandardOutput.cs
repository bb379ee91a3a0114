using Ssocred.Errors;

namespace Ssocred.Platform;

/// <summary>
/// The process's stdout. Only a command's result goes here (credentials, export, list, …):
/// a credential process's stdout is parsed by the SDK that runs it.
/// </summary>
internal interface IStandardOutput
{
    /// <summary>A stream whose failures (closed, full, broken pipe) are one-line errors, exit 1.</summary>
    Stream OpenStream();
}

/// <summary>
/// Descriptor 1, raw (<see cref="DescriptorStream"/>): never the .NET console, whose first write
/// sends the keypad-mode sequence (ESC[?1h ESC=) to the terminal whenever stdin is one.
/// </summary>
internal sealed class ProcessStandardOutput : IStandardOutput
{
    public Stream OpenStream()
    {
        if (StandardDescriptors.StdoutClosed)
        {
            throw new SsocredException("stdout is closed: nothing was printed");
        }

        return OperatingSystem.IsWindows()
            ? Windows.WindowsConsole.OpenStandardOutput()
            : new DescriptorStream(1, e => new SsocredException($"cannot write to stdout ({e.Message.TrimEnd('.')})", inner: e));
    }
}
