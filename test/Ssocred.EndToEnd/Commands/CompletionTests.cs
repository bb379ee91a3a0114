using System.Diagnostics;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>
/// SPEC §8: the script of `ssocred completion SHELL`, loaded into that real shell, completes
/// commands, options, option values and the profile and session names of the config file.
/// </summary>
internal sealed class CompletionTests : EndToEndTest
{
    [TestCase("ssocred ", "login")]
    [TestCase("ssocred configure ", "populate")]
    [TestCase("ssocred --prof", "--profile")]
    [TestCase("ssocred --profile ", "demo-sso")]
    [TestCase("ssocred login --sso-session ", "corp")]
    [TestCase("ssocred export --format ", "dotenv")]
    [TestCase("ssocred list --output j", "json")]
    [TestCase("ssocred completion ", "powershell")]
    public async Task Bash_completes(string line, string expected)
    {
        var words = line.Split(' ');
        var script = await Script("bash");
        var driver = $$"""
            {{script}}
            COMP_WORDS=({{string.Join(' ', words.Select(Quote))}})
            COMP_CWORD={{words.Length - 1}}
            _ssocred
            printf '%s\n' "${COMPREPLY[@]}"
            """;

        var offered = Shell("bash", ["--norc", "--noprofile", "-c", driver]);

        Assert.That(offered, Does.Contain(expected), string.Join(", ", offered));
        Assert.That(offered, Has.All.StartWith(words[^1]));
    }

    [TestCase("ssocred ", "login")]
    [TestCase("ssocred --profile ", "demo-sso")]
    [TestCase("ssocred export --format ", "fish")]
    [TestCase("ssocred logout --sso-session ", "corp")]
    public async Task Fish_completes(string line, string expected)
    {
        var script = await Script("fish");
        var file = Path.Combine(Home.Root, "ssocred.fish");
        await File.WriteAllTextAsync(file, script);

        var offered = Shell(Require("fish"), ["--no-config", "-c", $"source {Quote(file)}; complete --do-complete={Quote(line)}"]);

        Assert.That(offered.Select(o => o.Split('\t')[0]), Does.Contain(expected), string.Join(", ", offered));
    }

    [TestCase("ssocred ", "doctor")]
    [TestCase("ssocred --profile ", "demo-sso")]
    [TestCase("ssocred list --output ", "json")]
    public async Task Zsh_completes(string line, string expected)
    {
        var script = await Script("zsh");
        var words = line.Split(' ');

        // compadd and compdef belong to the completion system; these stand-ins record what the script offers.
        var driver = $$"""
            compdef() { : }
            compadd() { shift; print -rl -- ${(P)1} }
            _files() { print -r -- '<files>' }
            {{script}}
            words=({{string.Join(' ', words.Select(Quote))}})
            CURRENT={{words.Length}}
            _ssocred
            """;

        var offered = Shell(Require("zsh"), ["-f", "-c", driver]);

        Assert.That(offered, Does.Contain(expected), string.Join(", ", offered));
    }

    [TestCase("ssocred ", "export")]
    [TestCase("ssocred --profile ", "demo-sso")]
    [TestCase("ssocred export --format pow", "powershell")]
    public async Task PowerShell_completes(string line, string expected)
    {
        var pwsh = new[] { Path.Combine(SsocredExecutable.RepositoryRoot, ".tools", "pwsh"), "/usr/bin/pwsh", "/usr/local/bin/pwsh" }.FirstOrDefault(File.Exists)
            ?? Missing("pwsh (dotnet tool install --tool-path .tools PowerShell)");
        var script = await Script("powershell");
        var file = Path.Combine(Home.Root, "ssocred.ps1");
        await File.WriteAllTextAsync(file, script);
        var command = $". '{file}'; (TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText";

        var offered = Shell(pwsh, ["-NoProfile", "-NonInteractive", "-Command", command]);

        Assert.That(offered, Does.Contain(expected), string.Join(", ", offered));
    }

    [Test]
    public async Task Completing_never_touches_the_network_and_says_nothing_on_stderr()
    {
        var run = await RunWith(new Dictionary<string, string>(Environment()) { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9" }, "__complete", "--profile", "");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[] { "demo", "demo-sso" }));
            Assert.That(run.Stderr, Is.Empty);
            Assert.That(Fake.Calls("ListAccounts") + Fake.Calls("GetRoleCredentials"), Is.Zero);
        });
    }

    private async Task<string> Script(string shell)
    {
        var run = await Run("completion", shell);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return run.Stdout;
    }

    /// <summary>Runs a shell with ssocred on PATH (the published file under its own name) and the test's HOME and config.</summary>
    private string[] Shell(string program, string[] args)
    {
        var bin = Path.Combine(Home.Root, "bin");
        Directory.CreateDirectory(bin);
        var link = Path.Combine(bin, "ssocred");
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, SsocredExecutable.Path);
        }

        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment.Clear();
        foreach (var (name, value) in Environment())
        {
            start.Environment[name] = value;
        }

        start.Environment["PATH"] = bin + ":" + start.Environment["PATH"];
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(60_000), Is.True, $"{program} did not finish");
        TestContext.Out.WriteLine($"{program}: {stdout}\n{stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Require(string program) =>
        new[] { "/usr/bin/", "/bin/", "/usr/local/bin/" }.Select(d => d + program).FirstOrDefault(File.Exists) ?? Missing(program);

    private static string Missing(string what)
    {
        if (System.Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{what} is not installed; .ci/run installs it");
        }

        Assert.Ignore($"{what} is not installed");
        return string.Empty;
    }

}
