using Ssocred.Cli;
using Ssocred.Errors;

namespace Ssocred.Tests.Cli;

/// <summary>
/// The hand-written parser (the bare credential process) and System.CommandLine (the commands)
/// read the same option table: for every option of every command, both give the same result or
/// the same words for the same mistake.
/// </summary>
internal sealed class GrammarAgreementTests
{
    private static IEnumerable<string> CommandNames() =>
        CommandLineOptions.Commands.Where(c => c.Name != CommandLineOptions.Complete).Select(c => c.Name).Prepend(CommandLineOptions.CredentialProcess);

    private static IEnumerable<TestCaseData> EveryOptionOfEveryCommand() =>
        from command in CommandNames()
        from option in CommandLineOptions.For(command)
        from value in SampleValues(option)
        select new TestCaseData(command, option.Name, value).SetName($"{Label(command)} {option.Name} {value}");

    private static IEnumerable<TestCaseData> OptionsOfOtherCommands() =>
        from command in CommandNames()
        from option in CommandLineOptions.All.Where(o => !o.AppliesTo(command))
        select new TestCaseData(command, option.Name).SetName($"{Label(command)} refuses {option.Name}");

    [TestCaseSource(nameof(EveryOptionOfEveryCommand))]
    public void Both_parsers_read_an_option_alike(string command, string option, string? value)
    {
        string[] line = [.. Words(command), option, .. value is null ? [] : new[] { value }, .. RequiredArgument(command)];

        var (hand, framework) = (Outcome(() => CommandLineParser.Parse(line)), Outcome(() => CommandTree.Parse(line)));

        Assert.That(framework, Is.EqualTo(hand));
        Assert.That(hand, Does.Not.StartWith("error"), "a valid option with a valid value is accepted");
    }

    [TestCaseSource(nameof(EveryOptionOfEveryCommand))]
    public void Both_parsers_read_the_inline_and_alias_forms_alike(string command, string option, string? value)
    {
        var spec = CommandLineOptions.Find(option)!;
        string[] line = value is null
            ? [.. Words(command), spec.Alias ?? option, .. RequiredArgument(command)]
            : [.. Words(command), $"{option}={value}", .. RequiredArgument(command)];

        Assert.That(Outcome(() => CommandTree.Parse(line)), Is.EqualTo(Outcome(() => CommandLineParser.Parse(line))));
    }

    [TestCaseSource(nameof(EveryOptionOfEveryCommand))]
    public void Both_parsers_word_a_missing_value_or_a_repeat_alike(string command, string option, string? value)
    {
        var spec = CommandLineOptions.Find(option)!;
        string[] repeated = [.. Words(command), option, .. value is null ? [] : new[] { value }, option, .. value is null ? [] : new[] { value }];
        string[] missing = [.. Words(command), option];

        Assert.Multiple(() =>
        {
            Assert.That(Outcome(() => CommandTree.Parse(repeated)), Is.EqualTo(Outcome(() => CommandLineParser.Parse(repeated))).And.Contain("more than once"));
            if (spec.TakesValue)
            {
                Assert.That(Outcome(() => CommandTree.Parse(missing)), Is.EqualTo(Outcome(() => CommandLineParser.Parse(missing))).And.Contain("needs a value"));
            }
        });
    }

    [TestCaseSource(nameof(OptionsOfOtherCommands))]
    public void Both_parsers_refuse_another_commands_option_alike(string command, string option)
    {
        var spec = CommandLineOptions.Find(option)!;
        string[] line = [.. Words(command), option, .. spec.TakesValue ? new[] { SampleValues(spec).First()! } : []];

        var hand = Outcome(() => CommandLineParser.Parse(line));

        Assert.That(Outcome(() => CommandTree.Parse(line)), Is.EqualTo(hand));
        Assert.That(hand, Does.StartWith($"error 2: option '{option}' cannot be used"));
    }

    [TestCaseSource(nameof(EveryOptionOfEveryCommand))]
    public void Both_parsers_suggest_the_option_a_typo_meant(string command, string option, string? value)
    {
        var typo = option.Length > 5 ? option[..3] + option[4..] : option + "x"; // one letter dropped
        string[] line = [.. Words(command), typo];

        var hand = Outcome(() => CommandLineParser.Parse(line));

        Assert.That(Outcome(() => CommandTree.Parse(line)), Is.EqualTo(hand));
        Assert.That(hand, Does.StartWith($"error 2: unknown option '{typo}'"));
        if (option.Length > 5)
        {
            Assert.That(hand, Does.Contain($"did you mean '{option}'?"));
        }
    }

    [TestCase("configure")]
    [TestCase("configure", "popluate")]
    [TestCase("completion")]
    [TestCase("completion", "bash", "zsh")]
    [TestCase("completion", "bsh")]
    [TestCase("list", "extra")]
    [TestCase("login", "--", "extra")]
    [TestCase("export", "--format", "evn")]
    [TestCase("list", "--output", "yaml")]
    [TestCase("login", "--min-ttl", "soon")]
    [TestCase("login", "--callback-port", "0")]
    [TestCase("export", "--profile", "--format", "env")]
    [TestCase("configure", "--help")]
    [TestCase("help", "login")]
    [TestCase("help", "configure", "populate")]
    public void Both_parsers_agree_on_a_whole_line(params string[] line) =>
        Assert.That(Outcome(() => CommandTree.Parse(line)), Is.EqualTo(Outcome(() => CommandLineParser.Parse(line))));

    /// <summary>What a parse gave, as text both sides can be compared by.</summary>
    private static string Outcome(Func<CommandLine> parse)
    {
        try
        {
            var line = parse();
            var s = line.Options;
            return $"{line.Command}|{s.Sso}|v={s.Verbose}|log={s.LogFile}|h={s.Help}|V={s.Version}|force={s.Force}|all={s.All}|out={s.Output}"
                + $"|fmt={s.Format}|dry={s.DryRun}|prune={s.Prune}|region={s.Region}|tpl={s.NameTemplate}|args={string.Join(",", s.Arguments)}";
        }
        catch (UsageException e)
        {
            return $"error {e.ExitCode}: {e.ToDisplayText()}";
        }
    }

    private static IEnumerable<string?> SampleValues(OptionSpec option) =>
        option.AllowedValues is { } allowed ? allowed.Cast<string?>()
        : option.ValueName is null ? new string?[] { null }
        : option.ValueName == "DURATION" ? ["90s"]
        : option.ValueName == "PORT" ? ["8400"]
        : ["sample-value"];

    private static string[] Words(string command) => command.Length == 0 ? [] : command.Split(' ');

    private static string[] RequiredArgument(string command) =>
        CommandLineOptions.Command(command)?.Arguments is { Required: true } positional ? [positional.AllowedValues?[0] ?? "true"] : [];

    private static string Label(string command) => command.Length == 0 ? "ssocred" : command;
}
