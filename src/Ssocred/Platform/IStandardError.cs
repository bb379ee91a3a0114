namespace Ssocred.Platform;

/// <summary>The process's stderr: messages for a person and log lines, never results.</summary>
internal interface IStandardError
{
    TextWriter Writer { get; }
}

internal sealed class ConsoleStandardError : IStandardError
{
    public TextWriter Writer => Console.Error;
}
