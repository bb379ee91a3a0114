namespace Ssocred.Platform;

/// <summary>
/// The process's stdout. Only a command's result goes here (credentials, export, list, …):
/// a credential process's stdout is parsed by the SDK that runs it.
/// </summary>
internal interface IStandardOutput
{
    Stream OpenStream();
}

internal sealed class ConsoleStandardOutput : IStandardOutput
{
    public Stream OpenStream() => OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new UnixStandardOutputStream();
}
