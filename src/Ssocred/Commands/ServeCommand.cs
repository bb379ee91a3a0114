using System.Runtime.InteropServices;
using System.Text;
using Ssocred.Configuration;
using Ssocred.Credentials;
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
    RequestResolver resolver,
    RoleCredentialsProvider provider,
    IStandardOutput stdout,
    ISignals signals,
    TimeProvider time,
    ILog log)
{
    public async Task<int> RunAsync(SsoOptions options, int? port, CancellationToken cancellationToken)
    {
        var request = resolver.Resolve(options, requireRole: true);
        var role = request.Settings.Role!;
        using var server = ContainerCredentialServer.Bind(port ?? 0, provider.ForEndpoint(request), role.AccountId, request.Refresh.Margin, time, log);

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
