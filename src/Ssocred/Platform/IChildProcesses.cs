using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

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

internal sealed partial class ChildProcesses : IChildProcesses
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

        return new RunningChild(Process.Start(start)!);
    }

    private sealed partial class RunningChild(Process process) : IRunningChild
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

            _ = Kill(process.Id, signal switch
            {
                PosixSignal.SIGHUP => 1,
                PosixSignal.SIGINT => 2,
                PosixSignal.SIGQUIT => 3,
                _ => 15,
            });
        }

        public void Dispose() => process.Dispose();

        [LibraryImport("libc", EntryPoint = "kill")]
        private static partial int Kill(int pid, int signal);
    }
}
