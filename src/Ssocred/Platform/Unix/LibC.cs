using System.Runtime.InteropServices;

namespace Ssocred.Platform.Unix;

/// <summary>
/// The few libc functions .NET has no API for (execve, kill, signal dispositions), through
/// LibraryImport (source-generated, AOT-safe) and bound at link time (DirectPInvoke in the project).
/// </summary>
internal static partial class LibC
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGPIPE = 13;
    public const int SIGTERM = 15;
    public const int SIG_SETMASK = 2;
    public const int ENOENT = 2;

    /// <summary>SIG_DFL, as signal() takes it.</summary>
    public const nint DefaultAction = 0;

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    public static partial int Execve(nint path, nint[] argv, nint[] envp);

    [LibraryImport("libc", EntryPoint = "kill")]
    public static partial int Kill(int pid, int signal);

    /// <summary>Sets a signal's disposition; returns the previous one.</summary>
    [LibraryImport("libc", EntryPoint = "signal")]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    public static partial int SigProcMask(int how, byte[] set, nint oldSet);

    [LibraryImport("libc", EntryPoint = "getpgid")]
    public static partial int GetProcessGroup(int pid);

    /// <summary>The foreground process group of the terminal open on <paramref name="fd"/>; -1 when it is none.</summary>
    [LibraryImport("libc", EntryPoint = "tcgetpgrp")]
    public static partial int TerminalForegroundGroup(int fd);

    /// <summary>
    /// Whether the process's group is the foreground group of the controlling terminal: then the
    /// terminal's Ctrl-C and Ctrl-\ (SIGINT, SIGQUIT) reach it without anyone passing them on.
    /// </summary>
    public static bool IsInTerminalForeground(int pid)
    {
        try
        {
            using var tty = File.OpenHandle("/dev/tty", FileMode.Open, FileAccess.Read);
            var group = GetProcessGroup(pid);
            return group > 0 && TerminalForegroundGroup((int)tty.DangerousGetHandle()) == group;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // no controlling terminal: every signal comes from a kill, to be passed on
        }
    }

    /// <summary>
    /// Runs <paramref name="start"/> with SIGPIPE at its default: the runtime ignores it, and an
    /// ignored signal stays ignored in every program started from here (so `yes | head` would
    /// not end as it should). Restored at once: .NET's own writes expect it ignored.
    /// </summary>
    public static T WithDefaultSigPipe<T>(Func<T> start)
    {
        var previous = Signal(SIGPIPE, DefaultAction);
        try
        {
            return start();
        }
        finally
        {
            Signal(SIGPIPE, previous);
        }
    }
}
