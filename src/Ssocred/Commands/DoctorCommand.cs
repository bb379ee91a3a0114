using System.Text;
using Ssocred.Commands.Doctor;
using Ssocred.Configuration;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred doctor</c>: for a person who is stuck. Runs each check in turn and prints the
/// report on stdout; never a secret. Exit 0 when a credential request would succeed without a
/// sign-in, 1 otherwise.
/// </summary>
internal sealed class DoctorCommand(IReadOnlyList<IDoctorCheck> checks, IStandardOutput stdout)
{
    public async Task<int> RunAsync(SsoOptions options, CancellationToken cancellationToken)
    {
        var state = new DoctorState(options);
        var report = new DoctorReport();
        foreach (var check in checks)
        {
            await check.RunAsync(state, report, cancellationToken).ConfigureAwait(false);
        }

        using var stream = stdout.OpenStream();
        stream.Write(Encoding.UTF8.GetBytes(report.ToString()));
        return report.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
