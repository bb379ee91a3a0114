using System.Text;
using Ssocred.Commands.Doctor;
using Ssocred.Configuration;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred doctor</c>: for a person who is stuck. Resolves the request (the configuration
/// check), runs each check on it, and prints their findings on stdout; never a secret. Exit 0
/// when a credential request would succeed without a sign-in, 1 otherwise.
/// </summary>
internal sealed class DoctorCommand(ConfigurationCheck configuration, IReadOnlyList<IDoctorCheck> checks, IStandardOutput stdout)
{
    public async Task<int> RunAsync(SsoOptions options, CancellationToken cancellationToken)
    {
        var (configurationSection, request) = configuration.Run(options);
        var sections = new List<DoctorSection> { configurationSection };
        if (request is null)
        {
            sections.Add(NextStepCheck.Unresolved);
        }
        else
        {
            foreach (var check in checks)
            {
                if (await check.RunAsync(request, cancellationToken).ConfigureAwait(false) is { } section)
                {
                    sections.Add(section);
                }
            }
        }

        using var stream = stdout.OpenStream();
        stream.Write(Encoding.UTF8.GetBytes(DoctorReport.Render(sections)));
        return sections.Any(s => s.HasErrors) ? ExitCodes.Failure : ExitCodes.Success;
    }
}
