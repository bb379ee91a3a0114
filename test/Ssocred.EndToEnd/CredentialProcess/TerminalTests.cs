using System.Diagnostics;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>
/// SPEC §2: messages for the person also reach the controlling terminal when stderr is captured,
/// as SDKs capture it. `script` gives ssocred a terminal whose output it records, while the test
/// redirects stdout and stderr to files, as an SDK would.
/// </summary>
internal sealed class TerminalTests : EndToEndTest
{
    [Test]
    public async Task A_failure_reaches_the_terminal_as_well_as_the_captured_stderr()
    {
        var (terminal, stdout, stderr) = await RunUnderTerminal("--profile", "demo-sso", "--no-login");

        Assert.Multiple(() =>
        {
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.StartWith("ssocred: no valid SSO session for 'corp'"));
            Assert.That(terminal, Does.Contain("ssocred: no valid SSO session for 'corp' — run: ssocred login --profile demo-sso"));
        });
    }

    [Test]
    public async Task The_device_code_prompt_reaches_the_terminal()
    {
        var (terminal, stdout, stderr) = await RunUnderTerminal("--profile", "demo-sso", "--use-device-code", "--no-browser", "--login-timeout", "2s");

        var userCode = Fake.LastUserCode;
        Assert.Multiple(() =>
        {
            Assert.That(stdout, Is.Empty);
            Assert.That(userCode, Is.Not.Null);
            Assert.That(stderr, Does.Contain(userCode));
            Assert.That(terminal, Does.Contain(userCode).And.Contain("/device?user_code="), "the person sees the code while the SDK holds stderr");
        });
    }

    [Test]
    public async Task A_clean_run_writes_nothing_to_the_terminal()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));

        var (terminal, stdout, stderr) = await RunUnderTerminal("--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(stdout, Does.StartWith("{\"Version\":1,"));
            Assert.That(stderr + terminal, Is.Empty);
        });
    }

    private async Task<(string Terminal, string Stdout, string Stderr)> RunUnderTerminal(params string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ssocred-tty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
            var command = $"{Quote(SsocredExecutable.Path)} {string.Join(' ', args.Select(Quote))} >{Quote(Path.Combine(folder, "out"))} 2>{Quote(Path.Combine(folder, "err"))}";
            var start = new ProcessStartInfo("script", ["--quiet", "--return", "--command", command, Path.Combine(folder, "terminal")])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment.Clear();
            foreach (var (name, value) in Environment())
            {
                start.Environment[name] = value;
            }

            using var script = Process.Start(start)!;
            script.StandardInput.Close();
            _ = script.StandardOutput.ReadToEndAsync();
            _ = script.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await script.WaitForExitAsync(limit.Token);

            // script's log starts and ends with its own header lines; keep only what ssocred wrote.
            var terminal = string.Join('\n', File.ReadAllLines(Path.Combine(folder, "terminal")).Where(l => !l.StartsWith("Script ", StringComparison.Ordinal)));
            var stderr = File.ReadAllText(Path.Combine(folder, "err"));
            var run = new SsocredRun(script.ExitCode, File.ReadAllText(Path.Combine(folder, "out")), stderr + terminal, TimeSpan.Zero);
            Record(run, Environment(), args);
            return (terminal.Trim(), run.Stdout, stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
