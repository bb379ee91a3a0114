using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ssocred.Interop.Support;

/// <summary>What one run of a consumer printed.</summary>
internal sealed record ConsumerRun(string Command, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"{Command}\nexit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// A consumer (an SDK program or a CLI) run as a child process with exactly the environment given,
/// stdin closed, and its output collected as it comes so that a test can answer a prompt.
/// </summary>
internal sealed class ConsumerProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ConsumerProcess(Process process, string command)
    {
        _process = process;
        Command = command;
    }

    public string Command { get; }

    /// <summary>Everything printed so far, stdout then stderr.</summary>
    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString() + _stderr;
            }
        }
    }

    public static ConsumerProcess Start(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = environment.TryGetValue("HOME", out var home) ? home : Environment.CurrentDirectory,
        };
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var consumer = new ConsumerProcess(new Process { StartInfo = start }, string.Join(' ', [executable, .. start.ArgumentList]));
        consumer._process.OutputDataReceived += (_, line) => consumer.Append(consumer._stdout, line.Data);
        consumer._process.ErrorDataReceived += (_, line) => consumer.Append(consumer._stderr, line.Data);
        consumer._process.Start();
        consumer._process.StandardInput.Close();
        consumer._process.BeginOutputReadLine();
        consumer._process.BeginErrorReadLine();
        return consumer;
    }

    public static async Task<ConsumerRun> RunAsync(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        using var consumer = Start(executable, args, environment);
        return await consumer.WaitForExitAsync();
    }

    /// <summary>Waits until the output so far matches, as a person reading the screen would.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (pattern.Match(Output) is { Success: true } match)
            {
                return match;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                if (pattern.Match(Output) is { Success: true } last)
                {
                    return last;
                }

                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new AssertionException($"{Command} never printed /{pattern}/ (exited: {_process.HasExited}); output so far:\n{Output}");
    }

    public async Task<ConsumerRun> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"{Command} did not finish within {timeout ?? DefaultTimeout}; output so far:\n{Output}");
        }

        // WaitForExitAsync returns after the output streams have closed, so nothing is still arriving.
        lock (_stdout)
        {
            return new ConsumerRun(Command, _process.ExitCode, _stdout.ToString(), _stderr.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            stream.Append(line).Append('\n');
        }
    }
}
