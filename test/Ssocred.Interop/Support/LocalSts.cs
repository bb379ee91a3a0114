using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ssocred.Interop.Support;

/// <summary>
/// A local STS: <c>moto_server</c> on a random loopback port, recording every request it receives.
/// moto answers GetCallerIdentity for any key with the same made-up identity, so its answer proves
/// nothing about the key; the recording does (see <see cref="RecordedRequest"/>).
/// </summary>
internal sealed partial class LocalSts : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _folder;

    private LocalSts(Process process, string folder, string endpoint)
    {
        _process = process;
        _folder = folder;
        Endpoint = endpoint;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, for <c>AWS_ENDPOINT_URL_STS</c> and <c>--endpoint-url</c>.</summary>
    public string Endpoint { get; }

    private string RecordingPath => Path.Combine(_folder, "recording.jsonl");

    public static async Task<LocalSts> StartAsync()
    {
        var motoServer = ExecutableSearch.OnPath("moto_server") ?? throw MissingTool.Of(
            "moto_server is not on PATH: it comes with Python's moto, preinstalled on this machine type (pip cannot reach its index here)");
        var folder = Directory.CreateTempSubdirectory("ssocred-sts-").FullName;
        var start = new ProcessStartInfo(motoServer, ["-H", "127.0.0.1", "-p", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.Environment["MOTO_ENABLE_RECORDING"] = "True";
        start.Environment["MOTO_RECORDER_FILEPATH"] = Path.Combine(folder, "recording.jsonl");

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Watch(object? sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            output.Enqueue(line.Data);
            if (ListeningLine().Match(line.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups["endpoint"].Value);
            }
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += Watch;
        process.ErrorDataReceived += Watch;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await listening.Task.WaitAsync(StartTimeout);
            return new LocalSts(process, folder, endpoint);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"moto_server did not start within {StartTimeout}:\n{string.Join('\n', output)}");
        }
    }

    /// <summary>Starts a fresh recording: what came before belongs to another test.</summary>
    public void ForgetRequests() => File.WriteAllText(RecordingPath, "");

    /// <summary>Every request since <see cref="ForgetRequests"/>, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests() =>
        File.Exists(RecordingPath)
            ? File.ReadAllLines(RecordingPath).Where(line => line.Length > 0).Select(RecordedRequest.Parse).ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // Werkzeug's start-up line: " * Running on http://127.0.0.1:PORT".
    [GeneratedRegex(@"Running on (?<endpoint>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
