using Ssocred.Errors;

namespace Ssocred.Cli;

/// <summary>Where a value's candidates come from, for completion.</summary>
internal enum ValueSource
{
    /// <summary>Free text (a URL, an id, a duration): nothing to complete.</summary>
    None,

    /// <summary>The option's <see cref="OptionSpec.AllowedValues"/>.</summary>
    Allowed,

    /// <summary>Profile names of the config file.</summary>
    Profile,

    /// <summary>sso-session names of the config file.</summary>
    Session,

    /// <summary>A path: the shell completes files.</summary>
    File,
}

/// <summary>
/// One option: its names, the value it takes (if any) and the values allowed, the commands it
/// applies to (null: all) and its help line. <see cref="Apply"/> checks the value against
/// <see cref="AllowedValues"/>, so both parsers reject a bad value with the same words.
/// </summary>
internal sealed record OptionSpec(
    string Name,
    string? Alias,
    string? ValueName,
    string Help,
    string[]? Commands,
    Action<ParseState, string> Set)
{
    /// <summary>The only values the option accepts (null: any).</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    public ValueSource Completes { get; init; }

    public bool TakesValue => ValueName is not null;

    public bool AppliesTo(string command) => Commands is null || Commands.Contains(command);

    public bool IsNamed(string name) => Name == name || Alias == name;

    /// <exception cref="UsageException">The value is not one of the allowed values.</exception>
    public void Apply(ParseState state, string value, string command)
    {
        if (AllowedValues is { } allowed && !allowed.Contains(value))
        {
            throw Usage.BadValue(this, value, command);
        }

        try
        {
            Set(state, value);
        }
        catch (UsageException e) when (command.Length > 0)
        {
            // The value's own words (a duration, a port), pointing at this command's help.
            throw Usage.Error(e.Message, command);
        }
    }
}
