namespace Ssocred.Platform;

/// <summary>
/// The controlling terminal (/dev/tty; the console, CONOUT$, on Windows). SDKs capture a credential process's stderr and often
/// show it only on failure, so a prompt that must be seen while ssocred waits goes here too.
/// </summary>
internal interface ITerminal
{
    /// <summary>Whether stderr already reaches a terminal (then the message is seen there).</summary>
    bool StderrIsTerminal { get; }

    /// <summary>Writes to the controlling terminal; false when there is none.</summary>
    bool TryWrite(string text);
}

internal sealed class ProcessTerminal : ITerminal
{
    public bool StderrIsTerminal => OperatingSystem.IsWindows() ? !Console.IsErrorRedirected : RawDescriptor.IsTerminal(2);

    public bool TryWrite(string text)
    {
        if (OperatingSystem.IsWindows())
        {
            return Windows.WindowsConsole.TryWriteToConsole(text);
        }

        try
        {
            using var tty = new FileStream("/dev/tty", FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            tty.Write(System.Text.Encoding.UTF8.GetBytes(text));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No controlling terminal (a CI job, a service): stderr is all there is.
            return false;
        }
    }
}
