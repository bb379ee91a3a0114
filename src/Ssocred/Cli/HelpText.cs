using System.Text;

namespace Ssocred.Cli;

/// <summary>
/// Help rendered from the option table: usage, what the command does, its options, examples
/// and the environment variables ssocred reads. The same text for <c>--help</c> and
/// <c>ssocred help [COMMAND]</c>.
/// </summary>
internal static class HelpText
{
    private const string Summary = "AWS credentials from an IAM Identity Center (SSO) sign-in, for credential_process.";

    /// <summary>Help for a command (its full name), a group such as 'configure', or ssocred itself ("").</summary>
    public static string For(string command)
    {
        var text = new StringBuilder();
        var spec = CommandLineOptions.Command(command);
        if (command.Length == 0)
        {
            Root(text);
        }
        else if (spec is null)
        {
            Group(text, command);
        }
        else
        {
            Command(text, spec);
        }

        Section(text, "ENVIRONMENT", CommandLineOptions.Environment.Select(v => (v.Key, v.Value)));
        return text.ToString();
    }

    /// <summary>The full name of the command the words of <c>ssocred help …</c> name ("" for none).</summary>
    /// <exception cref="UsageException">The words name no command.</exception>
    public static string Resolve(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return string.Empty;
        }

        var (command, count) = CommandLineOptions.FindCommand(words);
        if (command is not null)
        {
            return count == words.Count ? command.Name : throw Usage.UnexpectedArgument(words[count], CommandLineOptions.Help);
        }

        if (CommandLineOptions.FindGroup(words[0]) is null)
        {
            throw Usage.UnknownCommand(words[0]);
        }

        return words.Count == 1 ? words[0] : throw Usage.UnknownCommand(words[1], words[0]);
    }

    private static void Root(StringBuilder text)
    {
        text.Append("ssocred — ").Append(Summary).Append("\n\n")
            .Append("USAGE\n")
            .Append("  ssocred [--profile NAME] [options]   print the credentials an AWS SDK asks for\n")
            .Append("  ssocred COMMAND [options]            see 'ssocred help COMMAND'\n\n")
            .Append("Without a command, ssocred is the credential process: it prints the credentials as the JSON\n")
            .Append("that AWS SDKs read. Name it in ~/.aws/config:  credential_process = ssocred --profile demo-sso\n");
        Section(text, "COMMANDS", CommandLineOptions.Commands.Where(c => !c.Hidden).Select(c => (c.Name, c.Summary)));
        Options(text, CommandLineOptions.CredentialProcess);
        Examples(text, CommandLineOptions.CredentialProcessExamples);
    }

    private static void Group(StringBuilder text, string group)
    {
        text.Append($"USAGE\n  ssocred {group} COMMAND [options]\n");
        Section(text, "COMMANDS", CommandLineOptions.Commands.Where(c => c.Words[0] == group && !c.Hidden).Select(c => (c.Name, c.Summary)));
    }

    private static void Command(StringBuilder text, CommandSpec spec)
    {
        var arguments = spec.Arguments is { } a ? " " + (a.Required ? a.Name : $"[{a.Name}]") + (a.Many && !a.Name.EndsWith("...]", StringComparison.Ordinal) ? "..." : string.Empty) : string.Empty;
        text.Append($"USAGE\n  ssocred {spec.Name} [options]{arguments}\n\n").Append(Capitalised(spec.Summary)).Append(".\n");
        if (spec.Details is { } details)
        {
            text.Append(details).Append('\n');
        }

        if (spec.Arguments is { AllowedValues: { } allowed } positional)
        {
            text.Append($"{positional.Name} is one of: {string.Join(", ", allowed)}.\n");
        }

        Options(text, spec.Name);
        Examples(text, spec.Examples);
    }

    private static void Options(StringBuilder text, string command) =>
        Section(text, "OPTIONS", CommandLineOptions.For(command).Select(o =>
            ((o.Alias is null ? "    " : o.Alias + ", ") + o.Name + (o.ValueName is null ? string.Empty : " " + o.ValueName), o.Help)));

    private static void Examples(StringBuilder text, IReadOnlyList<Example> examples)
    {
        if (examples.Count == 0)
        {
            return;
        }

        text.Append("\nEXAMPLES\n");
        foreach (var example in examples)
        {
            text.Append($"  {example.CommandLine}\n      {example.Explanation}\n");
        }
    }

    private static void Section(StringBuilder text, string title, IEnumerable<(string Name, string Description)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(r => r.Name.Length) + 2;
        text.Append('\n').Append(title).Append('\n');
        foreach (var (name, description) in list)
        {
            text.Append("  ").Append(name.PadRight(width)).Append(description).Append('\n');
        }
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
