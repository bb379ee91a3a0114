using System.Globalization;
using Ssocred.Commands;
using Ssocred.Configuration;
using Ssocred.Errors;
using Ssocred.Output;

namespace Ssocred.Cli;

/// <summary>What the command line asked for.</summary>
internal sealed record CommandLine(string Command, ParseState Options)
{
    public SsoOptions Sso => Options.Sso;
}

/// <summary>Everything an option can set; filled by <see cref="OptionSpec.Apply"/>.</summary>
internal sealed class ParseState
{
    public SsoOptions Sso { get; set; } = new();
    public bool Verbose { get; set; }
    public string? LogFile { get; set; }
    public bool Help { get; set; }
    public bool Version { get; set; }
    public bool Force { get; set; }
    public bool All { get; set; }
    public string Output { get; set; } = "text";
    public string Format { get; set; } = CredentialExport.DefaultFormat;
    public bool DryRun { get; set; }
    public string? Region { get; set; }
    public string NameTemplate { get; set; } = PopulateOptions.DefaultNameTemplate;
    public bool Server { get; set; }
    public bool Nested { get; set; }
    public int? Port { get; set; }
    public string? Destination { get; set; }
    public bool PrintUrl { get; set; }

    /// <summary>exec's COMMAND and its arguments, exactly as given.</summary>
    public IReadOnlyList<string> ExecCommand { get; set; } = [];
}

/// <summary>
/// The bare credential process's parser: a loop over the option table, no framework, because
/// it runs every time an SDK needs credentials.
/// </summary>
internal static class CommandLineParser
{
    public static CommandLine ParseCredentialProcess(IReadOnlyList<string> args)
    {
        var state = new ParseState();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                throw new UsageException(i == 0
                    ? $"'{arg}' is not an ssocred command"
                    : $"unexpected argument '{arg}' (a command comes first: ssocred COMMAND [options])");
            }

            var (name, inlineValue) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, null);
            var option = CommandLineOptions.Find(name)
                ?? throw new UsageException($"unknown option '{name}'");
            if (!option.AppliesTo(CommandLineOptions.CredentialProcess))
            {
                throw new UsageException($"option '{name}' needs a command (e.g. ssocred {option.Commands![0]} {name})");
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

        return new CommandLine(CommandLineOptions.CredentialProcess, state);
    }

    internal static TimeSpan ParseDuration(string option, string value) =>
        Duration.TryParse(value, out var duration)
            ? duration
            : throw new UsageException($"{option} takes a duration such as 900, 90s, 15m or 1h, not '{value}'");

    internal static int ParsePort(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new UsageException($"{option} takes a port number from 1 to 65535, not '{value}'");
}
