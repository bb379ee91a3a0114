using System.Diagnostics;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>`ssocred export`: the same credentials, evaluated by the shells that read them.</summary>
internal sealed class ExportCommandTests : EndToEndTest
{
    [Test]
    public async Task Env_format_evaluated_by_bash_sets_the_variables()
    {
        SeedToken(TimeSpan.FromHours(2));
        var process = AssertCredentialJson(await Run("--profile", "demo-sso"));

        var run = await Run("export", "--profile", "demo-sso");
        var shell = Shell("bash", ["-c", "eval \"$(cat)\"; printf '%s|%s|%s|%s' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\" \"$AWS_CREDENTIAL_EXPIRATION\""], run.Stdout);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(shell, Is.EqualTo(string.Join('|',
            process["AccessKeyId"]!.GetValue<string>(),
            process["SecretAccessKey"]!.GetValue<string>(),
            process["SessionToken"]!.GetValue<string>(),
            process["Expiration"]!.GetValue<string>())));
    }

    [Test]
    public async Task Dotenv_and_env_no_export_are_read_by_bash_source()
    {
        SeedToken(TimeSpan.FromHours(2));

        foreach (var format in new[] { "dotenv", "env-no-export" })
        {
            var run = await Run("export", "--profile", "demo-sso", "--format", format);
            var shell = Shell("bash", ["-c", "set -a; source /dev/stdin; printf '%s' \"$AWS_ACCESS_KEY_ID\""], run.Stdout);
            Assert.That(shell, Does.StartWith("ASIA"), format);
        }
    }

    [Test]
    public async Task Powershell_format_sets_the_variables_in_pwsh()
    {
        // .ci/run installs PowerShell as a .NET tool into .tools/ (it is not in Debian's archive).
        var pwsh = MissingTool.FirstExisting(
            "pwsh is not installed (dotnet tool install --tool-path .tools PowerShell)",
            Path.Combine(SsocredExecutable.RepositoryRoot, ".tools", "pwsh"), "/usr/bin/pwsh", "/usr/local/bin/pwsh");

        SeedToken(TimeSpan.FromHours(2));
        var process = AssertCredentialJson(await Run("--profile", "demo-sso"));
        var run = await Run("export", "--profile", "demo-sso", "--format", "powershell");

        var output = Shell(pwsh, ["-NoProfile", "-NonInteractive", "-Command", "$input | Out-String | Invoke-Expression; Write-Output \"$Env:AWS_ACCESS_KEY_ID|$Env:AWS_SECRET_ACCESS_KEY|$Env:AWS_SESSION_TOKEN|$Env:AWS_CREDENTIAL_EXPIRATION\""], run.Stdout);
        Assert.That(output.Trim(), Is.EqualTo(string.Join('|',
            process["AccessKeyId"]!.GetValue<string>(),
            process["SecretAccessKey"]!.GetValue<string>(),
            process["SessionToken"]!.GetValue<string>(),
            process["Expiration"]!.GetValue<string>())));
    }

    [Test]
    public async Task Fish_format_sets_and_exports_the_variables_in_fish()
    {
        var fish = MissingTool.FirstExisting("fish is not installed (Debian package fish)", "/usr/bin/fish");
        SeedToken(TimeSpan.FromHours(2));
        var process = AssertCredentialJson(await Run("--profile", "demo-sso"));
        var run = await Run("export", "--profile", "demo-sso", "--format", "fish");

        // A child process prints them: set -gx must export, not only set.
        var output = Shell(fish, ["--no-config", "-c", "source -; sh -c 'printf \"%s|%s|%s|%s\" \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\" \"$AWS_CREDENTIAL_EXPIRATION\"'"], run.Stdout);

        Assert.That(output, Is.EqualTo(Joined(process)));
    }

    [Test]
    public async Task Windows_cmd_format_sets_the_variables_in_cmd_under_wine()
    {
        var wine = MissingTool.FirstExisting("Wine is not installed (Debian package wine64)", "/usr/lib/wine/wine64");
        SeedToken(TimeSpan.FromHours(2));
        var process = AssertCredentialJson(await Run("--profile", "demo-sso"));
        var run = await Run("export", "--profile", "demo-sso", "--format", "windows-cmd");

        var folder = Directory.CreateTempSubdirectory("ssocred-wine-").FullName;
        var environment = new Dictionary<string, string> { ["WINEPREFIX"] = Path.Combine(folder, "prefix"), ["WINEDEBUG"] = "-all" };
        try
        {
            // Brackets around each value: a stray space or carriage return would show.
            File.WriteAllText(Path.Combine(folder, "export.cmd"), "@echo off\n" + run.Stdout
                + "echo [%AWS_ACCESS_KEY_ID%][%AWS_SECRET_ACCESS_KEY%][%AWS_SESSION_TOKEN%][%AWS_CREDENTIAL_EXPIRATION%]\n");
            var output = Shell(wine, ["cmd", "/c", "export.cmd"], stdin: "", folder, environment);

            Assert.That(output.TrimEnd('\r', '\n'), Is.EqualTo($"[{Joined(process).Replace("|", "][", StringComparison.Ordinal)}]"));
        }
        finally
        {
            // This prefix's wineserver lingers a few seconds after its last client: end it now.
            Shell(Path.Combine(Path.GetDirectoryName(wine)!, "wineserver"), ["-k"], stdin: "", folder, environment, checkExit: false);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Process_format_is_the_credential_process_json()
    {
        SeedToken(TimeSpan.FromHours(2));

        AssertCredentialJson(await Run("export", "--profile", "demo-sso", "--format", "process"));
    }

    [Test]
    public async Task Unknown_format_is_a_usage_error()
    {
        AssertFailure(await Run("export", "--profile", "demo-sso", "--format", "yaml"), 2, "--format takes process, env,");
    }

    private static string Joined(System.Text.Json.Nodes.JsonObject process) => string.Join('|',
        process["AccessKeyId"]!.GetValue<string>(),
        process["SecretAccessKey"]!.GetValue<string>(),
        process["SessionToken"]!.GetValue<string>(),
        process["Expiration"]!.GetValue<string>());

    private static string Shell(
        string program,
        string[] args,
        string stdin,
        string? folder = null,
        Dictionary<string, string>? environment = null,
        bool checkExit = true)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder ?? string.Empty,
        };
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var shell = Process.Start(start)!;
        shell.StandardInput.Write(stdin);
        shell.StandardInput.Close();
        var output = shell.StandardOutput.ReadToEnd();
        var errors = shell.StandardError.ReadToEnd();
        shell.WaitForExit();
        if (checkExit)
        {
            Assert.That(shell.ExitCode, Is.Zero, errors);
        }

        return output;
    }
}
