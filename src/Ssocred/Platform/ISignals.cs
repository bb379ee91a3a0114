using System.Runtime.InteropServices;

namespace Ssocred.Platform;

/// <summary>
/// Termination signals (SIGINT, SIGTERM, SIGHUP; Ctrl-C and closing the console on Windows),
/// caught instead of ending the process, so that a server can stop cleanly and a parent can
/// pass them on to its child.
/// </summary>
internal interface ISignals
{
    /// <summary>Calls <paramref name="handler"/> whenever the signal arrives, until disposed.</summary>
    IDisposable On(PosixSignal signal, Action handler);
}

internal sealed class ProcessSignals : ISignals
{
    public IDisposable On(PosixSignal signal, Action handler) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true; // handled here: the runtime does not end the process
            handler();
        });
}
