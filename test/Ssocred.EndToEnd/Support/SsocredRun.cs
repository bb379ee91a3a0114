using System.Diagnostics;
using System.Runtime.InteropServices;
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
    public static Dictionary<string, string> BaseEnvironment(TestHome home, Uri? endpoint)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = home.Root,
            ["AWS_CONFIG_FILE"] = home.ConfigPath,
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.AwsFolder, "credentials"),
            ["AWS_ENDPOINT_URL_SSO"] = endpoint?.ToString() ?? "http://127.0.0.1:9",
            ["AWS_ENDPOINT_URL_SSO_OIDC"] = endpoint?.ToString() ?? "http://127.0.0.1:9",
            ["LANG"] = "C.UTF-8",
        };
        SsocredLauncher.AddVariables(environment);
        return environment;
    }

    public static async Task<SsocredRun> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan? timeout = null,
        string? executable = null)
    {
        using var running = Start(args, environment, executable);
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            return await running.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            running.Kill();
            Assert.Fail($"ssocred {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromSeconds(90)}; stderr so far: {running.StderrSoFar}");
            throw;
        }
    }

    /// <summary>Starts a run without waiting for it, for tests that kill it or race it.</summary>
    public static RunningSsocred Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string? executable = null)
    {
        var (program, before) = executable is null ? SsocredLauncher.Command(SsocredExecutable.Path) : (executable, []);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in before.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new RunningSsocred(start);
    }
}

/// <summary>A started ssocred: its output is collected as it comes, so a full pipe never stalls it.</summary>
internal sealed class RunningSsocred : IDisposable
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public RunningSsocred(ProcessStartInfo start)
    {
        _clock = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        _process.StandardInput.Close();
        _stdout = _process.StandardOutput.ReadToEndAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public string StderrSoFar => _stderr.IsCompleted ? _stderr.Result : "(open)";

    /// <summary>SIGKILL, as the OOM killer or a closed terminal would end it: no cleanup runs.</summary>
    /// <returns>Whether it was still running when killed.</returns>
    public bool Kill()
    {
        try
        {
            if (_process.HasExited)
            {
                return false;
            }

            _process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // exited between the check and the kill
        }
    }

    /// <summary>SIGSTOP: the process freezes wherever it is, until <see cref="Continue"/>.</summary>
    /// <returns>Whether it was still there to be stopped.</returns>
    public bool Stop() => Signal(SigStop) && WaitUntilStopped();

    /// <summary>SIGCONT: a stopped process goes on.</summary>
    public bool Continue() => Signal(SigCont);

    public async Task<SsocredRun> WaitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _clock.Stop();
        return new SsocredRun(_process.ExitCode, await _stdout, await _stderr, _clock.Elapsed);
    }

    public void Dispose() => _process.Dispose();

    private bool Signal(int signal) => kill(_process.Id, signal) == 0;

    /// <summary>
    /// kill(2) only sends SIGSTOP: a thread running on the other core goes on for a moment (long
    /// enough to finish a rename). Every thread must show state T before the caller looks.
    /// </summary>
    /// <returns>Whether it stopped (false when it exited first).</returns>
    private bool WaitUntilStopped()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            try
            {
                var states = Directory.GetDirectories($"/proc/{_process.Id}/task")
                    .Select(task => ThreadState(File.ReadAllText(Path.Combine(task, "stat"))))
                    .ToList();
                if (states.Any(state => state is 'Z' or 'X'))
                {
                    return false;
                }

                if (states.All(state => state is 'T' or 't'))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false; // the process (or a thread) went away while being read
            }

            Thread.Sleep(1);
        }

        throw new TimeoutException($"ssocred (pid {_process.Id}) did not stop within 5 s of SIGSTOP");
    }

    /// <summary>The state letter of /proc/PID/task/TID/stat: the field after the command's closing parenthesis.</summary>
    private static char ThreadState(string stat) => stat[stat.LastIndexOf(')') + 2];

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
