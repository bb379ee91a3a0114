using Ssocred.Diagnostics;
using Ssocred.Platform;

namespace Ssocred.SignIn;

/// <summary>
/// Opens a sign-in URL in the person's browser: the BROWSER commands in turn, else the platform
/// opener. A command that cannot start or exits non-zero passes to the next; when none works the
/// person is told to open the URL (already shown) themselves, and the sign-in goes on waiting.
/// </summary>
internal sealed class BrowserLauncher(IEnvironment environment, IProcessLauncher processes, IUserNotifier notifier, TimeProvider time, ILog log)
{
    /// <summary>
    /// An opener still running after this is taken to be the browser itself (Python's webbrowser
    /// waits for such a command to exit; we stop waiting, and never kill it).
    /// </summary>
    public static readonly TimeSpan StillRunningMeansOpened = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Opens the URL (unless <paramref name="noBrowser"/>) while the sign-in waits, and stops
    /// waiting for the opener once the sign-in is over.
    /// </summary>
    public async Task<T> WhileOpeningAsync<T>(string url, bool noBrowser, Task<T> signIn, CancellationToken cancellationToken)
    {
        if (noBrowser)
        {
            return await signIn.ConfigureAwait(false);
        }

        using var stopOpening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var opening = OpenAsync(url, stopOpening.Token);
        try
        {
            return await signIn.ConfigureAwait(false);
        }
        finally
        {
            await stopOpening.CancelAsync().ConfigureAwait(false);
            await opening.ConfigureAwait(false);
        }
    }

    /// <summary>True when a command took the URL. Never throws for an opener's failure.</summary>
    /// <param name="tellOnFailure">Tell the person to open the URL (already shown) themselves when nothing could.</param>
    public async Task<bool> OpenAsync(string url, CancellationToken cancellationToken, bool tellOnFailure = true)
    {
        IReadOnlyList<BrowserCommand> commands;
        if (environment.Get("BROWSER") is { } browser)
        {
            var (fromVariable, unreadable) = BrowserCommands.FromVariable(browser, url);
            foreach (var alternative in unreadable)
            {
                log.Warning("ignoring the BROWSER alternative {Alternative}: it has an unclosed quote or a trailing backslash", alternative);
            }

            commands = fromVariable;
        }
        else
        {
            commands = BrowserCommands.PlatformOpeners(url);
        }

        foreach (var command in commands)
        {
            if (await TryAsync(command, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        if (tellOnFailure && !cancellationToken.IsCancellationRequested)
        {
            var tried = commands.Count == 0 ? "BROWSER names no command" : "tried " + string.Join(", ", commands.Select(c => c.Program));
            notifier.Tell($"could not open a browser ({tried}); open the URL above yourself — ssocred keeps waiting");
        }

        return false;
    }

    private async Task<bool> TryAsync(BrowserCommand command, CancellationToken cancellationToken)
    {
        using var process = command.IsUrlHandler
            ? processes.TryOpenUrl(command.Arguments[0])
            : processes.TryStart(command.Program, command.Arguments);
        if (process is null)
        {
            log.Debug("cannot start the browser command {Program}", command.Program);
            return false;
        }

        using var grace = new CancellationTokenSource(StillRunningMeansOpened, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(grace.Token, cancellationToken);
        try
        {
            var exitCode = await process.WaitForExitAsync(waiting.Token).ConfigureAwait(false);
            log.Debug("the browser command {Program} exited with {ExitCode}", command.Program, exitCode);
            return exitCode == 0;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
