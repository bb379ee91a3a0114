namespace Ssocred.Cli;

/// <summary>A command line worth copying, and what it does.</summary>
internal sealed record Example(string CommandLine, string Explanation);

/// <summary>
/// The words after a command's options: a name for help, whether it may be left out or
/// repeated, and the values allowed (null: any).
/// </summary>
internal sealed record Positional(string Name, bool Required, bool Many = false, IReadOnlyList<string>? AllowedValues = null)
{
    /// <summary>What to say when a required one is missing (default: "'COMMAND' needs a NAME").</summary>
    public string? WhenMissing { get; init; }
}

/// <summary>
/// One command: its words (<c>configure populate</c>), a one-line summary, what it takes after
/// its options, examples for its help, and whether help and completion list it.
/// </summary>
internal sealed record CommandSpec(string Name, string Summary)
{
    public Positional? Arguments { get; init; }

    public IReadOnlyList<Example> Examples { get; init; } = [];

    /// <summary>A few more lines of help under the summary.</summary>
    public string? Details { get; init; }

    public bool Hidden { get; init; }

    public string[] Words => Name.Split(' ');
}
