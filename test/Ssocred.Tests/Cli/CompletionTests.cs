using Ssocred.Cli;

namespace Ssocred.Tests.Cli;

/// <summary>SPEC §8: what a Tab offers — commands, options, option values, profile and session names.</summary>
internal sealed class CompletionTests
{
    private const string Config = """
        [default]
        region = eu-west-1

        [profile demo]
        credential_process = ssocred --profile demo-sso

        [ profile demo-sso ]
        sso_session = corp

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start

        [sso-session lab]
        """;

    [TestCase("", "login logout list export configure doctor exec serve console completion help")]
    [TestCase("lo", "login logout")]
    [TestCase("configure|", "populate")]
    [TestCase("--prof", "--profile")]
    [TestCase("--profile|", "default demo demo-sso")]
    [TestCase("--profile|demo-", "demo-sso")]
    [TestCase("login|--sso-session|", "corp lab")]
    [TestCase("export|--format|", "process env env-no-export powershell windows-cmd fish dotenv")]
    [TestCase("export|--format|env", "env env-no-export")]
    [TestCase("list|--output|", "text json")]
    [TestCase("completion|", "bash zsh fish powershell")]
    [TestCase("completion|bash|", "")]
    [TestCase("help|", "login logout list export configure doctor exec serve console completion help")]
    [TestCase("help|configure|", "populate")]
    [TestCase("login|--force|--f", "")]
    [TestCase("login|--", "--profile --sso-session --start-url --sso-region --min-ttl --use-device-code --no-browser --callback-port --login-timeout --force --cache --verbose --log-file --help")]
    [TestCase("frobnicate|", "")]
    public void A_tab_offers_what_fits_there(string line, string expected)
    {
        var words = line.Split('|');

        Assert.That(string.Join(' ', Completion.Candidates(words, () => Config)), Is.EqualTo(expected));
    }

    [Test]
    public void A_missing_config_file_offers_no_names() =>
        Assert.That(Completion.Candidates(["--profile", ""], () => null), Is.Empty);

    [Test]
    public void Every_script_calls_back_into_ssocred_and_registers_for_it()
    {
        foreach (var shell in CommandLineOptions.Shells)
        {
            Assert.That(CompletionScripts.For(shell), Does.Contain("__complete").And.Contain("ssocred"), shell);
        }
    }
}
