using System.Text.RegularExpressions;

namespace Ssocred.Cli;

/// <summary>
/// What the shell-completion scripts offer on a Tab (<c>ssocred __complete WORD…</c>, the last
/// word being the one under the cursor): commands, options, option values from the table, and
/// profile and session names read straight from the config file's section headers — no
/// parsing, no AWS, so a Tab costs one small file read.
/// </summary>
internal static partial class Completion
{
    /// <summary>The candidates for the last of <paramref name="words"/>, those that start with it.</summary>
    public static IEnumerable<string> Candidates(IReadOnlyList<string> words, Func<string?> readConfig)
    {
        var current = words.Count > 0 ? words[^1] : string.Empty;
        var before = words.Take(Math.Max(words.Count - 1, 0)).ToList();
        return For(before, current, readConfig).Where(c => c.StartsWith(current, StringComparison.Ordinal)).Distinct();
    }

    private static IEnumerable<string> For(List<string> before, string current, Func<string?> readConfig)
    {
        var (command, used) = CommandLineOptions.FindCommand(before);
        var name = command?.Name ?? CommandLineOptions.CredentialProcess;
        if (command is null && before.Count > 0 && !before[0].StartsWith('-'))
        {
            // A group's first word ('configure'): its commands; anything else is not a command.
            return before.Count == 1 && CommandLineOptions.FindGroup(before[0]) is { } group
                ? group.Where(c => !c.Hidden).Select(c => c.Words[^1])
                : [];
        }

        if (before.Count > used && CommandLineOptions.Find(before[^1]) is { TakesValue: true } option && option.AppliesTo(name))
        {
            return Values(option, readConfig);
        }

        if (current.StartsWith('-'))
        {
            var given = before.ToHashSet();
            return CommandLineOptions.For(name).Where(o => !given.Contains(o.Name) && (o.Alias is null || !given.Contains(o.Alias))).Select(o => o.Name);
        }

        if (command is null)
        {
            return before.Count == 0 ? CommandLineOptions.FirstWords() : [];
        }

        return command.Name == CommandLineOptions.Help
            ? HelpWords(before.Skip(used).ToList())
            : command.Arguments?.AllowedValues is { } allowed && before.Count == used ? allowed : [];
    }

    private static IEnumerable<string> HelpWords(List<string> words) =>
        words.Count == 0 ? CommandLineOptions.FirstWords()
        : words.Count == 1 && CommandLineOptions.FindGroup(words[0]) is { Count: > 0 } group && group[0].Words.Length > 1
            ? group.Where(c => !c.Hidden).Select(c => c.Words[^1])
            : [];

    private static IEnumerable<string> Values(OptionSpec option, Func<string?> readConfig) => option.Completes switch
    {
        ValueSource.Allowed => option.AllowedValues ?? [],
        ValueSource.Profile => Sections(readConfig(), profiles: true),
        ValueSource.Session => Sections(readConfig(), profiles: false),
        _ => [],
    };

    /// <summary>Profile names (<c>[profile NAME]</c>, <c>[default]</c>) or session names (<c>[sso-session NAME]</c>).</summary>
    public static IEnumerable<string> Sections(string? config, bool profiles)
    {
        if (config is null)
        {
            yield break;
        }

        foreach (Match match in SectionHeader().Matches(config))
        {
            var (kind, name) = (match.Groups["kind"].Value, match.Groups["name"].Value.Trim());
            if (profiles && kind.Length == 0 && name == "default")
            {
                yield return name;
            }
            else if (profiles ? kind == "profile" : kind == "sso-session")
            {
                yield return name;
            }
        }
    }

    [GeneratedRegex(@"^[ \t]*\[[ \t]*(?:(?<kind>profile|sso-session)[ \t]+)?(?<name>[^\]\r\n]+?)[ \t]*\]", RegexOptions.Multiline)]
    private static partial Regex SectionHeader();
}
