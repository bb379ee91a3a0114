using System.ComponentModel;
using System.Diagnostics;

namespace Ssocred.Platform;

/// <summary>
/// Starts helper programs (the browser opener). Never through a shell: the program and each
/// argument are passed as they are. The child never gets our stdout, which an SDK parses.
/// </summary>
internal interface IProcessLauncher
{
    /// <summary>The started process, or null when the program cannot be started (not found, not executable).</summary>
    ILaunchedProcess? TryStart(string program, IReadOnlyList<string> arguments);
}

/// <summary>A started helper program.</summary>
internal interface ILaunchedProcess : IDisposable
{
    /// <summary>Its exit code once it exits.</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken);
}

internal sealed class SystemProcessLauncher : IProcessLauncher
{
    public ILaunchedProcess? TryStart(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            // Chromium and xdg-open write to stdout; ours belongs to the SDK that runs us.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return null;
        }

        process.StandardInput.Close();
        return new LaunchedProcess(process);
    }

    private sealed class LaunchedProcess : ILaunchedProcess
    {
        private readonly Process _process;

        public LaunchedProcess(Process process)
        {
            _process = process;
            // Drained and dropped, so a chatty child never blocks on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        }

        public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return _process.ExitCode;
        }

        // The browser may outlive us: disposing lets go of the handle, never kills it.
        public void Dispose() => _process.Dispose();
    }
}
