using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using Ssocred.Errors;

namespace Ssocred.Cli;

/// <summary>
/// The commands (login, logout, list, export, configure populate, doctor) and their help,
/// through System.CommandLine, built from the one option table in <see cref="CommandLineOptions"/>.
/// </summary>
internal static class CommandTree
{
    public static string Version =>
        typeof(CommandTree).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    /// <summary>The parsed command line, or null when help was asked for and has been printed.</summary>
    /// <exception cref="UsageException">The command line cannot be understood.</exception>
    public static CommandLine? Parse(IReadOnlyList<string> args, Func<TextWriter> openStdout)
    {
        var (root, commands, options) = Build();
        string[] execCommand = [];
        if (args[0] == CommandLineOptions.Exec)
        {
            (var ours, execCommand) = ExecArguments.Split(args);
            args = ours;
        }

        var result = root.Parse(args.ToArray());
        var key = commands.GetValueOrDefault(result.CommandResult.Command, CommandLineOptions.CredentialProcess);
        if (result.Errors.Count > 0)
        {
            var message = result.Errors[0].Message.TrimEnd('.');
            throw new UsageException(char.ToLowerInvariant(message[0]) + message[1..], key.Length == 0 ? "ssocred --help" : $"ssocred {key} --help");
        }

        if (result.Action is HelpAction || key.Length == 0)
        {
            using var stdout = openStdout();
            result.Invoke(new InvocationConfiguration { Output = stdout, Error = stdout });
            return null;
        }

        var state = new ParseState();
        foreach (var (spec, option) in options)
        {
            if (spec.AppliesTo(key) && result.GetResult(option) is { Implicit: false } given)
            {
                spec.Apply(state, given.Tokens.Count > 0 ? given.Tokens[^1].Value : string.Empty);
            }
        }

        if (key == CommandLineOptions.Exec)
        {
            state.ExecCommand = execCommand.Length > 0
                ? execCommand
                : throw new UsageException("exec needs a command to run (ssocred exec --profile P -- COMMAND [ARG...])", "ssocred exec --help");
        }

        return new CommandLine(key, state);
    }

    /// <summary>Prints the tool's help (commands and the credential process's options).</summary>
    public static void PrintHelp(Func<TextWriter> openStdout) => Parse(["--help"], openStdout);

    private static (RootCommand Root, Dictionary<Command, string> Commands, List<(OptionSpec, Option)> Options) Build()
    {
        var options = CommandLineOptions.All
            .Where(spec => spec.Name is not ("--help" or "--version"))
            .Select(spec => (spec, Create(spec)))
            .ToList();
        var root = new RootCommand(
            "AWS credentials from an IAM Identity Center (SSO) sign-in, for credential_process.\n\n"
            + "Without a command, ssocred is the credential process: it prints the credentials as the JSON that\n"
            + "AWS SDKs read, e.g. in ~/.aws/config:  credential_process = ssocred --profile demo-sso");
        var commands = new Dictionary<Command, string>();
        foreach (var (spec, option) in options.Where(o => o.spec.AppliesTo(CommandLineOptions.CredentialProcess)))
        {
            root.Options.Add(option);
        }

        foreach (var (name, summary) in CommandLineOptions.Commands)
        {
            var words = name.Split(' ');
            var parent = (Command)root;
            for (var i = 0; i < words.Length - 1; i++)
            {
                parent = parent.Subcommands.FirstOrDefault(c => c.Name == words[i])
                    ?? AddTo(parent, new Command(words[i], $"{words[i]} commands"));
            }

            var command = AddTo(parent, new Command(words[^1], summary));
            commands[command] = name;
            foreach (var (spec, option) in options.Where(o => o.spec.AppliesTo(name)))
            {
                command.Options.Add(option);
            }
        }

        return (root, commands, options);
    }

    private static Command AddTo(Command parent, Command child)
    {
        parent.Subcommands.Add(child);
        return child;
    }

    private static Option Create(OptionSpec spec)
    {
        Option option = spec.ValueName is null
            ? new Option<bool>(spec.Name) { Description = spec.Help, Arity = ArgumentArity.Zero }
            : new Option<string>(spec.Name) { Description = spec.Help, HelpName = spec.ValueName };
        if (spec.Alias is not null)
        {
            option.Aliases.Add(spec.Alias);
        }

        option.Recursive = false;
        return option;
    }
}
