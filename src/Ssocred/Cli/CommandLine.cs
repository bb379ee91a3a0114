using System.Globalization;
using Ssocred.Configuration;
using Ssocred.Errors;

namespace Ssocred.Cli;

/// <summary>What the command line asked for.</summary>
internal sealed record CommandLine(
    string Command,
    SsoOptions Sso,
    bool Verbose,
    string? LogFile,
    bool Help,
    bool Version,
    bool Force);

/// <summary>
/// Parses the command line from the one table of options in <see cref="CommandLineOptions"/>.
/// Hand-written on purpose: the bare credential process runs constantly and must not pay for a
/// parsing framework.
/// </summary>
internal static class CommandLineParser
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var state = new ParseState();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                if (i == 0 && CommandLineOptions.Commands.ContainsKey(arg))
                {
                    state.Command = arg;
                    continue;
                }

                throw new UsageException(i == 0
                    ? $"'{arg}' is not an ssocred command"
                    : $"unexpected argument '{arg}' (a command comes first: ssocred COMMAND [options])");
            }

            var (name, inlineValue) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, null);
            var option = CommandLineOptions.Find(name)
                ?? throw new UsageException($"unknown option '{name}'");
            if (!option.AppliesTo(state.Command))
            {
                throw new UsageException(state.Command.Length == 0
                    ? $"option '{name}' needs a command (e.g. ssocred {option.Commands![0]} {name})"
                    : $"option '{name}' does not apply to 'ssocred {state.Command}'");
            }

            string? value = null;
            if (option.ValueName is not null)
            {
                value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option '{name}' needs a value ({option.ValueName})"));
            }
            else if (inlineValue is not null)
            {
                throw new UsageException($"option '{name}' takes no value");
            }

            option.Apply(state, value!);
        }

        return new CommandLine(state.Command, state.Sso, state.Verbose, state.LogFile, state.Help, state.Version, state.Force);
    }

    internal static TimeSpan ParseDuration(string option, string value) =>
        Duration.TryParse(value, out var duration)
            ? duration
            : throw new UsageException($"{option} takes a duration such as 900, 90s, 15m or 1h, not '{value}'");

    internal static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new UsageException($"--callback-port takes a port number from 1 to 65535, not '{value}'");
}

/// <summary>The parser's working state.</summary>
internal sealed class ParseState
{
    public string Command { get; set; } = string.Empty;
    public SsoOptions Sso { get; set; } = new();
    public bool Verbose { get; set; }
    public string? LogFile { get; set; }
    public bool Help { get; set; }
    public bool Version { get; set; }
    public bool Force { get; set; }
}
