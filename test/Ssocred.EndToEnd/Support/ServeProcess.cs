using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;

namespace Ssocred.EndToEnd.Support;

/// <summary>
/// A running <c>ssocred serve</c> (or any ssocred that prints the endpoint's two lines first):
/// the lines are read as they come, so a test can call the endpoint while the process runs, then
/// stop it with a signal and see how it ended.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly Task<string> _stderr;
    private readonly Task _stdoutDone;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ServeProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdoutDone = Task.Run(async () =>
        {
            var buffer = new char[256];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_stdout)
                {
                    _stdout.Append(buffer, 0, read);
                }
            }
        });
    }

    public Uri Uri { get; private set; } = null!;

    public string Token { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Starts the executable and waits for its two export lines.</summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string? executable = null)
    {
        var start = new ProcessStartInfo(executable ?? SsocredExecutable.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
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

        var serve = new ServeProcess(Process.Start(start)!);
        serve._process.StandardInput.Close();
        await serve.WaitForSettingsAsync();
        return serve;
    }

    /// <summary>The value of one exported variable in what was printed.</summary>
    public string Exported(string name)
    {
        var prefix = $"export {name}=";
        return Stdout.Split('\n').Single(line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
    }

    /// <summary>Sends a request as an SDK would (the token as the whole Authorization value unless told otherwise).</summary>
    public async Task<(int Status, string Body)> RequestAsync(HttpMethod? method = null, string? authorization = "", string? origin = null, string path = "")
    {
        using var client = new HttpClient { Timeout = Patience };
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(Uri, path));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization.Length == 0 ? Token : authorization);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (request.Method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", new MediaTypeHeaderValue("application/json"));
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends SIGINT, SIGTERM or SIGHUP, as a terminal or a service manager would.</summary>
    public void Signal(int signal) => Signals.Send(_process.Id, signal);

    public async Task<SsocredRun> WaitForExitAsync()
    {
        using var limit = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"ssocred did not exit within {Patience} of being asked; stdout: {Stdout}");
        }

        await _stdoutDone;
        return new SsocredRun(_process.ExitCode, Stdout, await _stderr, _clock.Elapsed);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task WaitForSettingsAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            var text = Stdout;
            if (text.Split('\n').Length > 2)
            {
                Uri = new Uri(Exported("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
                Token = Exported("AWS_CONTAINER_AUTHORIZATION_TOKEN");
                return;
            }

            if (_process.HasExited)
            {
                var run = await WaitForExitAsync();
                throw new AssertionException($"ssocred exited before printing its endpoint: {run}");
            }

            await Task.Delay(20);
        }

        throw new AssertionException($"ssocred printed no endpoint within {Patience}; stdout so far: {Stdout}");
    }
}

/// <summary>Linux signal numbers, and sending one as kill(1) would.</summary>
internal static class Signals
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    public static void Send(int pid, int signal) => Assert.That(Kill(pid, signal), Is.Zero, $"kill({pid}, {signal})");

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
