using System.Globalization;
using Ssocred.Configuration;

namespace Ssocred.Cli;

/// <summary>
/// The hand-written parser over the option table: a loop, no framework, because the bare
/// credential process runs every time an SDK needs credentials. It reads commands too, so a
/// test can hold it against System.CommandLine (<see cref="CommandTree"/>) for every option of
/// every command.
/// </summary>
internal static class CommandLineParser
{
    /// <exception cref="UsageException">The command line cannot be understood.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        // exec's COMMAND and its arguments are COMMAND's, whatever they look like.
        (args, var execCommand) = ExecArguments.SplitIfExec(args);
        if (args.Count == 2 && args[1] is "--help" or "-h" && CommandLineOptions.FindGroup(args[0]) is not null && CommandLineOptions.Command(args[0]) is null)
        {
            return new CommandLine(args[0], new ParseState { Help = true }); // a group's help, e.g. 'configure --help'
        }

        var (command, start) = ReadCommand(args);
        var name = command?.Name ?? CommandLineOptions.CredentialProcess;
        var state = new ParseState();
        var seen = new HashSet<OptionSpec>();
        var optionsEnded = false;
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || !arg.StartsWith('-') || arg == "-")
            {
                if (command?.Arguments is null)
                {
                    throw Usage.UnexpectedArgument(arg, name);
                }

                state.Arguments.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            var (option, inlineValue) = ReadOption(arg, name);
            if (!seen.Add(option))
            {
                throw Usage.Repeated(option, name);
            }

            string? value = null;
            if (option.TakesValue)
            {
                value = inlineValue
                    ?? (i + 1 < args.Count && !IsOptionOf(args[i + 1], name) ? args[++i] : throw Usage.MissingValue(option, name));
            }
            else if (inlineValue is not null)
            {
                throw Usage.NoValueTaken(option, name);
            }

            option.Apply(state, value ?? string.Empty, name);
        }

        state.Arguments.AddRange(execCommand);
        CheckArguments(command, state);
        return new CommandLine(name, state);
    }

    /// <summary>A line that must be the bare credential process (a profile's credential_process): no command.</summary>
    /// <exception cref="UsageException">The line names a command, or cannot be understood.</exception>
    public static CommandLine ParseCredentialProcess(IReadOnlyList<string> args) =>
        args.Count > 0 && !args[0].StartsWith('-')
            ? throw Usage.UnexpectedArgument(args[0], CommandLineOptions.CredentialProcess)
            : Parse(args);

    /// <summary>The words after the options, against what the command takes (shared with <see cref="CommandTree"/>).</summary>
    public static void CheckArguments(CommandSpec? command, ParseState state)
    {
        if (command?.Arguments is not { } positional || state.Help)
        {
            return;
        }

        if (state.Arguments.Count == 0 && positional.Required)
        {
            throw Usage.MissingArgument(positional, command.Name);
        }

        if (state.Arguments.Count > 1 && !positional.Many)
        {
            throw Usage.UnexpectedArgument(state.Arguments[1], command.Name);
        }

        if (positional.AllowedValues is { } allowed && state.Arguments.FirstOrDefault(a => !allowed.Contains(a)) is { } bad)
        {
            throw Usage.BadArgument(positional, bad, command.Name);
        }
    }

    internal static TimeSpan ParseDuration(string option, string value) =>
        Duration.TryParse(value, out var duration)
            ? duration
            : throw Usage.Invalid($"{option} takes a duration such as 900, 90s, 15m or 1h, not '{value}'");

    internal static int ParsePort(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw Usage.Invalid($"{option} takes a port number from 1 to 65535, not '{value}'");

    /// <summary>The command the first words name (null: the credential process) and where its options start.</summary>
    private static (CommandSpec? Command, int Start) ReadCommand(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            return (null, 0);
        }

        var (command, words) = CommandLineOptions.FindCommand(args);
        if (command is not null)
        {
            return (command, words);
        }

        if (CommandLineOptions.FindGroup(args[0]) is not null)
        {
            throw args.Count > 1 && !args[1].StartsWith('-')
                ? Usage.UnknownCommand(args[1], args[0])
                : Usage.NeedsSubcommand(args[0]);
        }

        throw Usage.UnknownCommand(args[0]);
    }

    /// <summary>The option an argument names, with a value given as --name=value (or --name:value).</summary>
    private static (OptionSpec Option, string? InlineValue) ReadOption(string arg, string command)
    {
        var option = CommandLineOptions.Find(arg);
        string? inlineValue = null;
        if (option is null && arg.IndexOfAny(['=', ':']) is var split and > 0
            && CommandLineOptions.Find(arg[..split]) is { } named)
        {
            (option, inlineValue) = (named, arg[(split + 1)..]);
        }

        if (option is null)
        {
            throw Usage.UnknownOption(arg.IndexOf('=') is var eq and > 0 ? arg[..eq] : arg, command);
        }

        return option.AppliesTo(command) ? (option, inlineValue) : throw Usage.NotForCommand(option, command);
    }

    /// <summary>Whether a word is an option of this command, so it cannot be the previous option's value.</summary>
    private static bool IsOptionOf(string word, string command) =>
        CommandLineOptions.Find(word) is { } option && option.AppliesTo(command);
}
