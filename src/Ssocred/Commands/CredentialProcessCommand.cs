using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Output;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary><c>ssocred [--profile P]</c>: prints the credential-process JSON and nothing else.</summary>
internal sealed class CredentialProcessCommand(RequestResolver resolver, RoleCredentialsProvider provider, IStandardOutput stdout)
{
    public async Task<int> RunAsync(SsoOptions options, CancellationToken cancellationToken)
    {
        var request = resolver.Resolve(options, requireRole: true);
        var credentials = await provider.GetAsync(request, cancellationToken).ConfigureAwait(false);

        // Rendered whole before anything is written, so a failure leaves stdout empty.
        var json = CredentialProcessJson.Render(credentials);
        using var output = stdout.OpenStream();
        output.Write(json);
        output.Flush();
        return 0;
    }
}
