using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>
/// SPEC §5: with -v or a log file every run says what it did, the warm path included (which cache
/// file, valid until when); a log file that cannot be opened is a warning, not silence.
/// </summary>
internal sealed class VerboseTests : EndToEndTest
{
    [Test]
    public async Task The_warm_path_says_which_cache_file_it_used_and_until_when()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));

        var run = await Run("--profile", "demo-sso", "-v");

        AssertCredentialJson(run);
        Assert.That(run.Stderr, Does.Contain($"ssocred: debug: using the cached role credentials in {Path.Combine(Home.AwsFolder, "cli", "cache", CorpAdminRoleKey)}.json, valid until 20"));
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero);
    }

    [Test]
    public async Task The_warm_path_writes_its_line_to_the_log_file_and_nothing_to_stderr()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var logFile = LogFile();

        var run = await RunWith(new Dictionary<string, string>(Environment()) { ["SSOCRED_LOG_FILE"] = logFile }, "--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(File.ReadAllText(logFile), Does.Contain("[DBG]").And.Contain("using the cached role credentials in").And.Contain("valid until"));
    }

    [TestCase("--log-file")]
    [TestCase("SSOCRED_LOG_FILE")]
    public async Task A_log_file_in_a_missing_folder_is_a_warning_and_the_credentials_still_come(string how)
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var logFile = Path.Combine(Home.Root, "no-such-folder", "ssocred.log");
        var environment = new Dictionary<string, string>(Environment());
        string[] args = ["--profile", "demo-sso"];
        if (how == "--log-file")
        {
            args = [.. args, "--log-file", logFile];
        }
        else
        {
            environment["SSOCRED_LOG_FILE"] = logFile;
        }

        var run = await RunWith(environment, args);

        AssertCredentialJson(run);
        Assert.That(run.Stderr, Does.StartWith($"ssocred: warning: cannot open the log file {logFile} (").And.EndWith("; logging to stderr only\n"));
        Assert.That(run.Stderr.TrimEnd('\n'), Does.Not.Contain('\n'), "one line");
        Assert.That(Directory.Exists(Path.GetDirectoryName(logFile)), Is.False);
    }

    [Test]
    public async Task A_sign_in_path_says_where_the_token_came_from()
    {
        SeedToken(TimeSpan.FromHours(8));

        var run = await Run("--profile", "demo-sso", "-v");

        AssertCredentialJson(run);
        Assert.That(run.Stderr, Does.Contain("using the SSO token of 'corp' cached in").Or.Contain("using the SSO token of corp cached in"));
        Assert.That(run.Stderr, Does.Contain("GetRoleCredentials gave credentials valid until"));
    }

    [Test]
    public async Task Stdout_and_a_verbose_stderr_in_one_file_keep_every_line()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        // Outside HOME: it holds the credentials, which the leak check looks for in HOME's files.
        var both = Path.Combine(Path.GetTempPath(), $"ssocred-both-{Guid.NewGuid():N}.txt");

        var run = await SsocredProcess.RunAsync(["-c", "exec \"$0\" \"$@\" >\"$BOTH\" 2>&1", SsocredExecutable.Path, "--profile", "demo-sso", "-v"],
            new Dictionary<string, string>(Environment()) { ["BOTH"] = both }, executable: "sh");

        var text = File.ReadAllText(both);
        File.Delete(both);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(text, Does.Contain("ssocred: debug: using the cached role credentials").And.Contain("{\"Version\":1,"), text);
    }
}
