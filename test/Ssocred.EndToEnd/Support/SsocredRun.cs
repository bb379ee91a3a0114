using System.Diagnostics;
using System.Text;

namespace Ssocred.EndToEnd.Support;

/// <summary>What one run of the executable did.</summary>
internal sealed record SsocredRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalMilliseconds:0} ms\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// Runs the published ssocred as an SDK does: a child process with a chosen environment (no
/// variable of the machine leaks in), stdout and stderr captured, stdin closed.
/// </summary>
internal static class SsocredProcess
{
    /// <summary>The environment every run starts from: a temp HOME and config, nothing else of AWS.</summary>
    public static Dictionary<string, string> BaseEnvironment(TestHome home, Uri? endpoint) => new(StringComparer.Ordinal)
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["HOME"] = home.Root,
        ["AWS_CONFIG_FILE"] = home.ConfigPath,
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.AwsFolder, "credentials"),
        ["AWS_ENDPOINT_URL_SSO"] = endpoint?.ToString() ?? "http://127.0.0.1:9",
        ["AWS_ENDPOINT_URL_SSO_OIDC"] = endpoint?.ToString() ?? "http://127.0.0.1:9",
        ["LANG"] = "C.UTF-8",
    };

    public static async Task<SsocredRun> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan? timeout = null,
        string? executable = null)
    {
        var start = new ProcessStartInfo(executable ?? SsocredExecutable.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"ssocred {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromSeconds(90)}; stderr so far: {(stderr.IsCompleted ? stderr.Result : "(open)")}");
        }

        clock.Stop();
        return new SsocredRun(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
