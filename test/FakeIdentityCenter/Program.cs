using System.Runtime.InteropServices;

namespace FakeIdentityCenter;

/// <summary>The runnable host: <c>dotnet run --project test/FakeIdentityCenter -- [--port N] [--auto-approve] …</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.Write(HostArguments.Usage);
            return 0;
        }

        FakeOptions options;
        try
        {
            options = HostArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"FakeIdentityCenter: {e.Message}\n{HostArguments.Usage}");
            return 2;
        }

        options.LogToStandardError = true;
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        await using var server = await FakeIdentityCenterServer.StartAsync(options, stop.Token);
        await Console.Out.WriteLineAsync($"listening on {server.Endpoint}");
        await Console.Out.FlushAsync();

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM or Ctrl-C.
        }

        return 0;
    }
}
