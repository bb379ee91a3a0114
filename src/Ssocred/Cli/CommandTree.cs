using System.CommandLine;
using Ssocred.Errors;
using System.CommandLine.Parsing;

namespace Ssocred.Cli;

/// <summary>
/// The commands through System.CommandLine, built from the one option table in
/// <see cref="CommandLineOptions"/>. Its errors are turned into the same words the hand parser
/// uses (<see cref="Usage"/>); help is rendered from the table (<see cref="HelpText"/>).
/// </summary>
internal static class CommandTree
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

        var tree = Build();
        var result = tree.Root.Parse(args.ToArray(), new ParserConfiguration { EnablePosixBundling = false, ResponseFileTokenReplacer = null });
        var spec = tree.Commands.GetValueOrDefault(result.CommandResult.Command);
        var name = spec?.Name ?? CommandLineOptions.CredentialProcess;
        if (result.Errors.Count > 0)
        {
            // The words of every mistake come from one reading (Usage, through the hand parser's
            // left-to-right pass). A line only System.CommandLine refuses keeps its words.
            CommandLineParser.Parse(args);
            var message = result.Errors[0].Message.TrimEnd('.');
            throw Usage.Error(char.ToLowerInvariant(message[0]) + message[1..], name);
        }

        // A command that takes words takes any unknown option as one; before '--' it is a mistake.
        var beforeDoubleDash = result.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash);
        if (beforeDoubleDash.Any(t => t.Type == TokenType.Argument && t.Value.StartsWith('-') && t.Value != "-"))
        {
            CommandLineParser.Parse(args);
        }

        var state = new ParseState();
        foreach (var token in result.Tokens)
        {
            if (token.Type == TokenType.Option && tree.Options.FirstOrDefault(o => o.Option.Name == token.Value || o.Option.Aliases.Contains(token.Value)) is { } given
                && result.GetResult(given.Option) is { } optionResult)
            {
                if (optionResult.IdentifierTokenCount > 1)
                {
                    throw Usage.Repeated(given.Spec, name);
                }

                given.Spec.Apply(state, optionResult.Tokens.Count > 0 ? optionResult.Tokens[0].Value : string.Empty, name);
            }
        }

        if (spec?.Arguments is not null && tree.Arguments.TryGetValue(result.CommandResult.Command, out var argument))
        {
            state.Arguments.AddRange(result.GetValue(argument) ?? []);
        }

        state.Arguments.AddRange(execCommand);
        CommandLineParser.CheckArguments(spec, state);
        return new CommandLine(name, state);
    }

    private sealed record Tree(
        RootCommand Root,
        Dictionary<Command, CommandSpec> Commands,
        List<(OptionSpec Spec, Option Option)> Options,
        Dictionary<Command, Argument<string[]>> Arguments);

    private static Tree Build()
    {
        var options = CommandLineOptions.All.Select(spec => (spec, Create(spec))).ToList();
        var root = new RootCommand();
        root.Options.Clear(); // its own --help and --version: ours come from the table
        root.Directives.Clear();
        root.SetAction(_ => 0); // the credential process: a root without a command is valid
        var tree = new Tree(root, [], options, []);
        foreach (var (spec, option) in options.Where(o => o.spec.AppliesTo(CommandLineOptions.CredentialProcess)))
        {
            root.Options.Add(option);
        }

        foreach (var spec in CommandLineOptions.Commands)
        {
            var words = spec.Words;
            var parent = (Command)root;
            for (var i = 0; i < words.Length - 1; i++)
            {
                parent = parent.Subcommands.FirstOrDefault(c => c.Name == words[i]) ?? AddTo(parent, new Command(words[i]));
            }

            var command = AddTo(parent, new Command(words[^1], spec.Summary));
            tree.Commands[command] = spec;
            foreach (var (optionSpec, option) in options.Where(o => o.spec.AppliesTo(spec.Name)))
            {
                command.Options.Add(option);
            }

            if (spec.Arguments is { } positional)
            {
                // Any number here: how many are allowed is checked with the hand parser's words.
                var argument = new Argument<string[]>(positional.Name) { Arity = ArgumentArity.ZeroOrMore };
                command.Arguments.Add(argument);
                tree.Arguments[command] = argument;
            }
        }

        return tree;
    }

    private static Command AddTo(Command parent, Command child)
    {
        parent.Subcommands.Add(child);
        return child;
    }

    private static Option Create(OptionSpec spec)
    {
        Option option = spec.TakesValue
            ? new Option<string>(spec.Name) { Description = spec.Help, HelpName = spec.ValueName, Arity = ArgumentArity.ExactlyOne }
            : new Option<bool>(spec.Name) { Description = spec.Help, Arity = ArgumentArity.Zero };
        if (spec.Alias is not null)
        {
            option.Aliases.Add(spec.Alias);
        }

        return option;
    }
}
