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

    /// <summary>
    /// Hands an http(s) URL to the handler the desktop registered for its scheme (Windows'
    /// ShellExecute, as Explorer and <c>start</c> use); null when there is none.
    /// </summary>
    ILaunchedProcess? TryOpenUrl(string url);
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

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            // Not started (Process.Start says so with null on some systems, Wine among them).
            return null;
        }

        process.StandardInput.Close();
        return new LaunchedProcess(process);
    }

    public ILaunchedProcess? TryOpenUrl(string url)
    {
        // ShellExecute runs whatever it is given (a path runs that program), so only a web URL
        // goes there: the sign-in URLs come partly from the service.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        try
        {
            // The URL is ShellExecute's one "file" parameter: no command line is built or parsed.
            // Null means the handler took the URL without a new process (a running browser).
            var process = Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
            return process is null ? HandedOver.Instance : new OpenedByHandler(process);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The handler took the URL and left no process to wait for: it counts as opened.</summary>
    private sealed class HandedOver : ILaunchedProcess
    {
        public static readonly HandedOver Instance = new();

        public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => Task.FromResult(0);

        public void Dispose()
        {
        }
    }

    /// <summary>A process the URL handler started; its streams are not ours to drain.</summary>
    private sealed class OpenedByHandler(Process process) : ILaunchedProcess
    {
        public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode;
        }

        public void Dispose() => process.Dispose();
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
