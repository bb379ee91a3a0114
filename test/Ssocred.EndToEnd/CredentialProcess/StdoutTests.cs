using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>
/// SPEC §8: a stdout that is closed, full or a broken pipe is one `ssocred:` line and exit 1; the
/// credentials go nowhere else (the runtime may have put a copy of stderr where stdout was), and
/// no stack trace — for the credential process, export, --help and --version.
/// </summary>
internal sealed class StdoutTests : EndToEndTest
{
    private const string ClosedStdout = "exec \"$0\" \"$@\" >&-";
    private const string FullStdout = "exec \"$0\" \"$@\" >/dev/full";

    // A pipe whose reader is gone before ssocred starts, so the write always meets EPIPE.
    private const string BrokenPipe = """
        import os, subprocess, sys
        r, w = os.pipe()
        os.close(r)
        run = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
        sys.stderr.buffer.write(run.stderr)
        sys.exit(run.returncode)
        """;

    private static IEnumerable<TestCaseData> Commands()
    {
        foreach (var (stdout, label) in new[] { (ClosedStdout, "closed"), (FullStdout, "full"), (BrokenPipe, "broken") })
        {
            yield return new TestCaseData(stdout, new[] { "--profile", "demo-sso" }).SetName($"the credential process, stdout {label}");
            yield return new TestCaseData(stdout, new[] { "export", "--profile", "demo-sso" }).SetName($"export, stdout {label}");
            yield return new TestCaseData(stdout, new[] { "--help" }).SetName($"--help, stdout {label}");
            yield return new TestCaseData(stdout, new[] { "--version" }).SetName($"--version, stdout {label}");
            yield return new TestCaseData(stdout, new[] { "help", "export" }).SetName($"help export, stdout {label}");
        }
    }

    [TestCaseSource(nameof(Commands))]
    public async Task A_stdout_that_cannot_be_written_is_one_line_and_exit_1(string redirect, string[] args)
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));

        var run = redirect == BrokenPipe
            ? await SsocredProcess.RunAsync(["-c", BrokenPipe, SsocredExecutable.Path, .. args], Environment(), executable: "python3")
            : await SsocredProcess.RunAsync(["-c", redirect, SsocredExecutable.Path, .. args], Environment(), executable: "sh");
        Record(run, Environment(), args);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Match(@"^ssocred: (stdout is closed|cannot write to stdout \((No space left on device|Broken pipe)\))[^\n]*\n$"), "one line");
            Assert.That(run.Stderr, Does.Not.Contain("ASIACACHED").And.Not.Contain("SecretAccessKey").And.Not.Contain(" at "), "no credentials, no stack trace");
        });
    }

    [Test]
    public async Task Stdout_and_stderr_sent_to_one_file_keep_each_others_lines()
    {
        var log = Path.Combine(Home.Root, "both.txt");

        // One open file for all three runs, as `{ …; } >log 2>&1` gives: each write must land at its end.
        var both = await SsocredProcess.RunAsync(["-c", "{ \"$0\" --version; \"$0\" --bogus; \"$0\" --version; } >\"$LOG\" 2>&1", SsocredExecutable.Path],
            new Dictionary<string, string>(Environment()) { ["LOG"] = log }, executable: "sh");

        var lines = File.ReadAllLines(log);
        Assert.Multiple(() =>
        {
            Assert.That(both.ExitCode, Is.Zero);
            Assert.That(lines, Has.Length.EqualTo(3), string.Join("\n", lines));
            Assert.That(lines[0], Does.StartWith("ssocred 0."));
            Assert.That(lines[1], Does.StartWith("ssocred: unknown option '--bogus'"));
            Assert.That(lines[2], Does.StartWith("ssocred 0."));
        });
    }
}
