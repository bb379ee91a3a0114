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
        var pwsh = new[] { Path.Combine(SsocredExecutable.RepositoryRoot, ".tools", "pwsh"), "/usr/bin/pwsh", "/usr/local/bin/pwsh" }.FirstOrDefault(File.Exists);
        if (pwsh is null)
        {
            Assert.Ignore("pwsh is not installed (dotnet tool install --tool-path .tools PowerShell); the exact PowerShell text is still checked by CredentialExportTests");
        }

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

    private static string Shell(string program, string[] args, string stdin)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var shell = Process.Start(start)!;
        shell.StandardInput.Write(stdin);
        shell.StandardInput.Close();
        var output = shell.StandardOutput.ReadToEnd();
        var errors = shell.StandardError.ReadToEnd();
        shell.WaitForExit();
        Assert.That(shell.ExitCode, Is.Zero, errors);
        return output;
    }
}
