using System.Runtime.InteropServices;
using System.Text;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.Serving;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred serve</c>: a container-credentials endpoint on 127.0.0.1. Prints the two
/// <c>export</c> lines that point an SDK at it, then serves until SIGINT or SIGTERM (exit 0).
/// </summary>
internal sealed class ServeCommand(
    ProfileResolver resolver,
    RoleCredentialsProvider provider,
    IStandardOutput stdout,
    ISignals signals,
    TimeProvider time,
    ILog log)
{
    public async Task<int> RunAsync(SsoOptions options, int? port, CancellationToken cancellationToken)
    {
        var settings = resolver.Resolve(options, requireRole: true);
        var role = settings.Role!;

        // Each fetch goes through the credential path as the credential process does; a request
        // never forces a refresh (the endpoint's own memory is what --force-refresh would skip).
        var fetchOptions = options with { ForceRefresh = false };
        using var server = ContainerCredentialServer.Bind(
            port ?? 0,
            cancel => provider.GetAsync(settings, fetchOptions, cancel),
            role.AccountId,
            options.MinTtl,
            time,
            log);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = signals.On(PosixSignal.SIGINT, stop.Cancel);
        using var terminate = signals.On(PosixSignal.SIGTERM, stop.Cancel);

        var lines = new StringBuilder();
        foreach (var (name, value) in server.Variables)
        {
            lines.Append("export ").Append(name).Append('=').Append(value).Append('\n');
        }

        using (var output = stdout.OpenStream())
        {
            output.Write(Encoding.UTF8.GetBytes(lines.ToString()));
            output.Flush();
        }

        log.Debug("serving the credentials of {Role} in {Account} on 127.0.0.1:{Port}", role.RoleName, role.AccountId, server.Port);
        await server.RunAsync(stop.Token).ConfigureAwait(false);
        log.Debug("stopped serving credentials");
        return ExitCodes.Success;
    }
}
