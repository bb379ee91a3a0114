namespace Ssocred.Errors;

/// <summary>
/// A failure meant for a person: what went wrong and what to do. Program.cs turns it into
/// one "ssocred: …" line and an exit code; nothing else prints it.
/// </summary>
internal class SsocredException : Exception
{
    public SsocredException(string message, string? hint = null, int exitCode = ExitCodes.Failure, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    /// <summary>What the person should do next, e.g. "run: ssocred login --profile demo".</summary>
    public string? Hint { get; }

    public int ExitCode { get; }

    public string ToDisplayText() => Hint is null ? Message : $"{Message} — {Hint}";
}

/// <summary>A command line that cannot be understood: exit 2.</summary>
internal sealed class UsageException(string message, string helpCommand = "ssocred --help")
    : SsocredException(message, $"see '{helpCommand}'", ExitCodes.Usage);
