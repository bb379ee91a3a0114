using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Ssocred.Platform.Unix;

namespace Ssocred.Platform;

/// <summary>
/// Runs a program as our child with our own stdin, stdout, stderr and terminal (nothing
/// redirected), for <c>exec --server</c> and where a process cannot replace itself.
/// </summary>
internal interface IChildProcesses
{
    /// <summary>The started child.</summary>
    /// <exception cref="Win32Exception">It cannot be started.</exception>
    IRunningChild Start(string path, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment);
}

internal interface IRunningChild : IDisposable
{
    /// <summary>Its exit status; 128+N when a signal N ended it (as a shell reports it).</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Passes a signal on to it (SIGINT, SIGTERM, SIGHUP).</summary>
    void Signal(PosixSignal signal);
}

internal sealed class ChildProcesses : IChildProcesses
{
    public IRunningChild Start(string path, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Not ignoring SIGPIPE, as the runtime does: the child starts with it at its default.
        return new RunningChild(OperatingSystem.IsWindows() ? Process.Start(start)! : LibC.WithDefaultSigPipe(() => Process.Start(start)!));
    }

    private sealed class RunningChild(Process process) : IRunningChild
    {
        public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
        {
            // On Unix the runtime reports a child ended by signal N as 128+N already.
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode;
        }

        public void Signal(PosixSignal signal)
        {
            if (process.HasExited)
            {
                return;
            }

            if (OperatingSystem.IsWindows())
            {
                // Ctrl-C reaches every process of the console by itself; a termination request ends the child.
                if (signal == PosixSignal.SIGTERM)
                {
                    process.Kill();
                }

                return;
            }

            // The terminal sends Ctrl-C and Ctrl-\ to its whole foreground group, where the child
            // is too: passed on as well, it would arrive twice (a second Ctrl-C cutting short
            // the child's own clean-up). The cost: a kill -INT of ssocred from elsewhere while
            // it is in the foreground reaches only ssocred.
            if (signal is PosixSignal.SIGINT or PosixSignal.SIGQUIT && LibC.IsInTerminalForeground(process.Id))
            {
                return;
            }

            _ = LibC.Kill(process.Id, signal switch
            {
                PosixSignal.SIGHUP => LibC.SIGHUP,
                PosixSignal.SIGINT => LibC.SIGINT,
                PosixSignal.SIGQUIT => LibC.SIGQUIT,
                _ => LibC.SIGTERM,
            });
        }

        public void Dispose() => process.Dispose();
    }
}
