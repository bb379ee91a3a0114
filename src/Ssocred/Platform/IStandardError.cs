namespace Ssocred.Platform;

/// <summary>The process's stderr: messages for a person and log lines, never results.</summary>
internal interface IStandardError
{
    TextWriter Writer { get; }
}

internal sealed class ConsoleStandardError : IStandardError
{
    private TextWriter? _writer;

    /// <summary>UTF-8 on every system (Windows' own console writer would use the console's code page).</summary>
    public TextWriter Writer => _writer ??= OperatingSystem.IsWindows() ? Windows.WindowsConsole.OpenStandardError() : Console.Error;
}
