using Ssocred.Cli;
using Ssocred.Errors;

namespace Ssocred.Tests.Cli;

/// <summary>SPEC §8: every usage mistake of issue 12 in the one grammar, with "did you mean" where a word is close.</summary>
internal sealed class UsageTests
{
    [TestCase(new[] { "--proflie", "demo" }, "unknown option '--proflie', did you mean '--profile'? — see 'ssocred --help'")]
    [TestCase(new[] { "--bogus" }, "unknown option '--bogus' — see 'ssocred --help'")]
    [TestCase(new[] { "export", "--fromat", "env" }, "unknown option '--fromat', did you mean '--format'? — see 'ssocred export --help'")]
    [TestCase(new[] { "export", "--format" }, "option '--format' needs a value (FORMAT) — see 'ssocred export --help'")]
    [TestCase(new[] { "export", "--format", "evn" }, "--format takes process, env, env-no-export, powershell, windows-cmd, fish or dotenv, not 'evn', did you mean 'env'? — see 'ssocred export --help'")]
    [TestCase(new[] { "list", "--output", "jsno" }, "--output takes text or json, not 'jsno', did you mean 'json'? — see 'ssocred list --help'")]
    [TestCase(new[] { "configure" }, "'configure' needs a command: configure populate — see 'ssocred configure --help'")]
    [TestCase(new[] { "configure", "popluate" }, "'configure popluate' is not an ssocred command, did you mean 'populate'? — see 'ssocred configure --help'")]
    [TestCase(new[] { "lgoin" }, "'lgoin' is not an ssocred command, did you mean 'login'? — see 'ssocred --help'")]
    [TestCase(new[] { "frobnicate" }, "'frobnicate' is not an ssocred command — see 'ssocred --help'")]
    [TestCase(new[] { "completion" }, "'completion' needs a SHELL: bash, zsh, fish or powershell — see 'ssocred completion --help'")]
    [TestCase(new[] { "completion", "bsh" }, "SHELL is bash, zsh, fish or powershell, not 'bsh', did you mean 'bash'? — see 'ssocred completion --help'")]
    [TestCase(new[] { "login", "--format", "env" }, "option '--format' cannot be used with 'login' (it belongs to 'export') — see 'ssocred login --help'")]
    [TestCase(new[] { "--force" }, "option '--force' cannot be used without a command (it belongs to 'login') — see 'ssocred --help'")]
    [TestCase(new[] { "login", "--min-ttl", "soon" }, "--min-ttl takes a duration such as 900, 90s, 15m or 1h, not 'soon' — see 'ssocred login --help'")]
    [TestCase(new[] { "--profile", "a", "--profile", "b" }, "option '--profile' is given more than once — see 'ssocred --help'")]
    [TestCase(new[] { "--verbose=yes" }, "option '--verbose' takes no value — see 'ssocred --help'")]
    [TestCase(new[] { "--profile", "a", "extra" }, "unexpected argument 'extra' (a command comes first: ssocred COMMAND [options]) — see 'ssocred --help'")]
    [TestCase(new[] { "list", "extra" }, "unexpected argument 'extra' — see 'ssocred list --help'")]
    public void A_mistake_is_one_line_naming_what_is_wrong_and_the_commands_help(string[] args, string expected)
    {
        var parse = args.Length > 0 && CommandLineOptions.IsCommand(args[0]) ? (Func<CommandLine>)(() => CommandTree.Parse(args)) : () => CommandLineParser.Parse(args);

        var error = Assert.Throws<UsageException>(() => parse())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.ToDisplayText(), Is.EqualTo(expected));
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.Usage));
        });
    }

    [TestCase("help", "")]
    [TestCase("help login", "login")]
    [TestCase("help configure populate", "configure populate")]
    [TestCase("help configure", "configure")]
    public void Help_names_the_command_whose_help_it_shows(string line, string command) =>
        Assert.That(HelpText.Resolve(CommandTree.Parse(line.Split(' ')).Options.Arguments), Is.EqualTo(command));

    [TestCase("help bogus", "'bogus' is not an ssocred command — see 'ssocred --help'")]
    [TestCase("help lgoin", "'lgoin' is not an ssocred command, did you mean 'login'? — see 'ssocred --help'")]
    [TestCase("help login extra", "unexpected argument 'extra' — see 'ssocred help --help'")]
    public void Help_of_an_unknown_command_is_a_usage_error(string line, string expected) =>
        Assert.That(Assert.Throws<UsageException>(() => HelpText.Resolve(CommandTree.Parse(line.Split(' ')).Options.Arguments))!.ToDisplayText(), Is.EqualTo(expected));

    [TestCase("--profile", "--proflie", 1)]
    [TestCase("login", "lgoin", 1)]
    [TestCase("populate", "popluate", 1)]
    [TestCase("env", "evn", 1)]
    [TestCase("abc", "abc", 0)]
    [TestCase("kitten", "sitting", 3)]
    public void Distance_counts_a_swap_of_neighbours_as_one_edit(string a, string b, int distance) =>
        Assert.That(Suggestion.Distance(a, b), Is.EqualTo(distance));

    [TestCase("--vrebose", new[] { "--verbose", "--version" }, "--verbose")]
    [TestCase("--x", new[] { "--verbose", "--version" }, null)]
    [TestCase("doctr", new[] { "doctor", "login" }, "doctor")]
    [TestCase("zzzzzz", new[] { "doctor", "login" }, null)]
    public void Only_a_close_word_is_suggested(string word, string[] candidates, string? expected) =>
        Assert.That(Suggestion.Closest(word, candidates), Is.EqualTo(expected));
}
