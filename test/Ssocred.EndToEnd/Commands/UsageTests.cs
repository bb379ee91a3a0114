using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>
/// SPEC §8 through the published executable: each usage mistake of issue 12 is one line
/// `ssocred: … — see 'ssocred COMMAND --help'`, exit 2, stdout empty; help and the version go to stdout.
/// </summary>
internal sealed class UsageTests : EndToEndTest
{
    [TestCase(new[] { "--proflie", "demo" }, "unknown option '--proflie', did you mean '--profile'? — see 'ssocred --help'")]
    [TestCase(new[] { "export", "--bogus" }, "unknown option '--bogus' — see 'ssocred export --help'")]
    [TestCase(new[] { "export", "--format" }, "option '--format' needs a value (FORMAT) — see 'ssocred export --help'")]
    [TestCase(new[] { "export", "--profile", "demo-sso", "--format", "fsh" }, "not 'fsh', did you mean 'fish'? — see 'ssocred export --help'")]
    [TestCase(new[] { "configure" }, "'configure' needs a command: configure populate — see 'ssocred configure --help'")]
    [TestCase(new[] { "configure", "populte" }, "did you mean 'populate'? — see 'ssocred configure --help'")]
    [TestCase(new[] { "lgoin" }, "'lgoin' is not an ssocred command, did you mean 'login'? — see 'ssocred --help'")]
    [TestCase(new[] { "completion", "bsh" }, "did you mean 'bash'? — see 'ssocred completion --help'")]
    [TestCase(new[] { "help", "lgoin" }, "did you mean 'login'? — see 'ssocred --help'")]
    [TestCase(new[] { "login", "--min-ttl", "soon" }, "--min-ttl takes a duration such as 900, 90s, 15m or 1h, not 'soon' — see 'ssocred login --help'")]
    public async Task A_usage_mistake_is_one_line_and_exit_2(string[] args, string expected)
    {
        var run = await Run(args);

        AssertFailure(run, 2, expected);
        Assert.That(run.Stderr.TrimEnd('\n'), Does.Not.Contain('\n'), "one line");
    }

    [TestCase("help")]
    [TestCase("help", "login")]
    [TestCase("help", "configure", "populate")]
    [TestCase("configure", "--help")]
    [TestCase("-h")]
    [TestCase("version")]
    [TestCase("-V")]
    public async Task Help_and_version_in_every_spelling_go_to_stdout(params string[] args)
    {
        var run = await Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.StartWith("ssocred").Or.StartWith("USAGE"));
            Assert.That(run.Stderr, Is.Empty);
        });
    }

    [Test]
    public async Task Help_of_a_command_is_the_same_as_its_help_option()
    {
        var (viaHelp, viaOption) = (await Run("help", "configure", "populate"), await Run("configure", "populate", "--help"));

        Assert.That(viaHelp.Stdout, Is.EqualTo(viaOption.Stdout).And.Contain("EXAMPLES").And.Contain("ENVIRONMENT"));
    }
}
