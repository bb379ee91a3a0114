using Ssocred.Errors;

namespace Ssocred.Cli;

/// <summary>
/// Every usage mistake's words, in one place, for both parsers (SPEC §8):
/// <c>ssocred: &lt;what is wrong&gt; — see 'ssocred &lt;command&gt; --help'</c>, with "did you mean"
/// when a known word is close.
/// </summary>
internal static class Usage
{
    public static UsageException UnknownOption(string name, string command) =>
        Error($"unknown option '{name}'{DidYouMean(name, CommandLineOptions.For(command).SelectMany(Names))}", command);

    public static UsageException UnknownCommand(string word, string? group = null)
    {
        var candidates = group is null
            ? CommandLineOptions.FirstWords()
            : CommandLineOptions.Commands.Where(c => c.Words[0] == group && !c.Hidden).Select(c => c.Words[^1]);
        var what = group is null ? $"'{word}' is not an ssocred command" : $"'{group} {word}' is not an ssocred command";
        return Error(what + DidYouMean(word, candidates), group ?? string.Empty);
    }

    public static UsageException NeedsSubcommand(string group)
    {
        var choices = CommandLineOptions.Commands.Where(c => c.Words[0] == group && !c.Hidden).Select(c => c.Name);
        return Error($"'{group}' needs a command: {string.Join(", ", choices)}", group);
    }

    public static UsageException NotForCommand(OptionSpec option, string command)
    {
        var where = command.Length == 0 ? "without a command" : $"with '{command}'";
        var commands = option.Commands!.Where(c => c.Length > 0).ToList();
        var instead = commands.Count > 0 ? $" (it belongs to {string.Join(", ", commands.Select(c => $"'{c}'"))})" : string.Empty;
        return Error($"option '{option.Name}' cannot be used {where}{instead}", command);
    }

    public static UsageException MissingValue(OptionSpec option, string command) =>
        Error($"option '{option.Name}' needs a value ({option.ValueName})", command);

    public static UsageException NoValueTaken(OptionSpec option, string command) =>
        Error($"option '{option.Name}' takes no value", command);

    public static UsageException Repeated(OptionSpec option, string command) =>
        Error($"option '{option.Name}' is given more than once", command);

    public static UsageException BadValue(OptionSpec option, string value, string command) =>
        Error($"{option.Name} takes {OneOf(option.AllowedValues!)}, not '{value}'{DidYouMean(value, option.AllowedValues!)}", command);

    public static UsageException BadArgument(Positional positional, string value, string command) =>
        Error($"{positional.Name} is {OneOf(positional.AllowedValues!)}, not '{value}'{DidYouMean(value, positional.AllowedValues!)}", command);

    public static UsageException MissingArgument(Positional positional, string command) =>
        Error(positional.WhenMissing ?? (positional.AllowedValues is { } allowed ? $"'{command}' needs a {positional.Name}: {OneOf(allowed)}" : $"'{command}' needs a {positional.Name}"), command);

    public static UsageException UnexpectedArgument(string word, string command) =>
        Error(command.Length == 0
            ? $"unexpected argument '{word}' (a command comes first: ssocred COMMAND [options])"
            : $"unexpected argument '{word}'", command);

    /// <summary>A value that does not parse (a duration, a port), as the option's Apply says it.</summary>
    public static UsageException Invalid(string what, string command = CommandLineOptions.CredentialProcess) => Error(what, command);

    public static UsageException Error(string what, string command) =>
        new(what, command.Length == 0 ? "ssocred --help" : $"ssocred {command} --help");

    private static IEnumerable<string> Names(OptionSpec option) => option.Alias is null ? [option.Name] : [option.Name, option.Alias];

    private static string OneOf(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";

    private static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Suggestion.Closest(word, candidates) is { } close ? $", did you mean '{close}'?" : string.Empty;
}
