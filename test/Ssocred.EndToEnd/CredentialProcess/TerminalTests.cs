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

    /// <summary>
    /// SPEC §8: no control sequence ever reaches the terminal — the .NET console would switch the
    /// keypad mode (ESC[?1h ESC=) whenever stdin is a terminal, even with stdout and stderr redirected.
    /// </summary>
    [TestCase(true, "--profile", "demo-sso")]
    [TestCase(false, "--profile", "demo-sso")]
    [TestCase(true, "--profile", "demo-sso", "-v")]
    [TestCase(true, "--profile", "nobody", "--no-login")]
    [TestCase(false, "--help")]
    [TestCase(false, "--version")]
    [TestCase(false, "--bogus")]
    [TestCase(false, "export", "--profile", "demo-sso")]
    public async Task Not_one_escape_byte_reaches_the_terminal(bool redirected, params string[] args)
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));

        var (terminal, _, _) = await RunUnderTerminal(redirected, args);

        if (!redirected)
        {
            Assert.That(terminal, Is.Not.Empty, "the run's own output reached the recorded terminal");
        }

        Assert.That(terminal.IndexOf('\u001b', StringComparison.Ordinal), Is.EqualTo(-1), $"terminal got: {terminal.Replace("\u001b", "<ESC>", StringComparison.Ordinal)}");
    }

    private Task<(string Terminal, string Stdout, string Stderr)> RunUnderTerminal(params string[] args) => RunUnderTerminal(true, args);

    private async Task<(string Terminal, string Stdout, string Stderr)> RunUnderTerminal(bool redirected, params string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ssocred-tty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "out"), string.Empty);
            File.WriteAllText(Path.Combine(folder, "err"), string.Empty);
            var command = $"{Quote(SsocredExecutable.Path)} {string.Join(' ', args.Select(Quote))}"
                + (redirected ? $" >{Quote(Path.Combine(folder, "out"))} 2>{Quote(Path.Combine(folder, "err"))}" : string.Empty);
            var environment = Environment();
            // A terminal a person uses: with TERM, .NET's console would find terminfo and write its set-up.
            environment["TERM"] = "xterm";
            using var script = ScriptTerminal.Start(command, Path.Combine(folder, "terminal"), environment);
            script.StandardInput.Close();
            _ = script.StandardOutput.ReadToEndAsync();
            _ = script.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await script.WaitForExitAsync(limit.Token);

            // script's log starts and ends with its own header lines; keep only what ssocred wrote.
            var terminal = string.Join('\n', File.ReadAllLines(Path.Combine(folder, "terminal")).Where(l => !l.StartsWith("Script ", StringComparison.Ordinal)));
            var stderr = File.ReadAllText(Path.Combine(folder, "err"));
            // Unredirected, the terminal holds the run's stdout as well (the credentials, for the credential process).
            var run = redirected
                ? new SsocredRun(script.ExitCode, File.ReadAllText(Path.Combine(folder, "out")), stderr + terminal, TimeSpan.Zero)
                : new SsocredRun(script.ExitCode, terminal, string.Empty, TimeSpan.Zero);
            Record(run, Environment(), args);
            return (terminal.Trim(), run.Stdout, stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
