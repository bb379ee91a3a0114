namespace Ssocred.Platform;

/// <summary>Messages for the person at the keyboard: never on stdout, never for logs only.</summary>
internal interface IUserNotifier
{
    void Tell(string message);
}

/// <summary>Writes to stderr, and also to /dev/tty when stderr is captured by the caller.</summary>
internal sealed class TerminalNotifier(IStandardError stderr, ITerminal terminal) : IUserNotifier
{
    public void Tell(string message)
    {
        var line = $"ssocred: {message}{Environment.NewLine}";
        stderr.Writer.Write(line);
        stderr.Writer.Flush();
        if (!terminal.StderrIsTerminal)
        {
            terminal.TryWrite(line);
        }
    }
}
