using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Errors;
using Ssocred.Output;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred export</c>: the credential process's credentials as shell variables (or another
/// format), so <c>eval "$(ssocred export --profile demo)"</c> works.
/// </summary>
internal sealed class ExportCommand(RequestResolver resolver, RoleCredentialsProvider provider, IStandardOutput stdout)
{
    public async Task<int> RunAsync(SsoOptions options, string format, CancellationToken cancellationToken)
    {
        var request = resolver.Resolve(options, requireRole: true);
        var credentials = await provider.GetAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = CredentialExport.Render(credentials, format, RegionName.Of(request.Settings));
        using var stream = stdout.OpenStream();
        stream.Write(bytes);
        return ExitCodes.Success;
    }
}
