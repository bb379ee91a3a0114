using System.Runtime.InteropServices;

namespace Ssocred.Platform.Unix;

/// <summary>
/// execve(2) through LibraryImport (no reflection, AOT-safe), with argv and envp built here as
/// NUL-terminated UTF-8 arrays. The runtime ignores SIGPIPE and an ignored signal would stay
/// ignored in the new program, so it is reset first (as a shell would leave it), with no signal blocked.
/// </summary>
internal sealed class UnixProcessReplacer : IProcessReplacer
{
    public bool IsSupported => !OperatingSystem.IsWindows();

    public (bool NotFound, string Reason) Replace(string path, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment)
    {
        var strings = new List<nint>();
        try
        {
            nint Utf8(string text)
            {
                var pointer = Marshal.StringToCoTaskMemUTF8(text);
                strings.Add(pointer);
                return pointer;
            }

            var file = Utf8(path);
            nint[] args = [.. argv.Select(Utf8), 0];
            nint[] envp = [.. environment.Select(pair => Utf8($"{pair.Key}={pair.Value}")), 0];

            LibC.Signal(LibC.SIGPIPE, LibC.DefaultAction);
            LibC.SigProcMask(LibC.SIG_SETMASK, new byte[128], 0); // an empty sigset_t (128 bytes covers glibc and musl)
            LibC.Execve(file, args, envp);

            // Only a failure returns.
            var errno = Marshal.GetLastPInvokeError();
            return (errno == LibC.ENOENT, Marshal.GetPInvokeErrorMessage(errno));
        }
        finally
        {
            foreach (var pointer in strings)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}
