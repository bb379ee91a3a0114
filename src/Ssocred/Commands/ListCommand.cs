using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Output;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary><c>ssocred list</c>: the accounts and roles the session may use, as a table or JSON.</summary>
internal sealed class ListCommand(
    RequestResolver resolver,
    SessionTokens tokens,
    Func<SsoEndpoints, SsoPortal> portalFactory,
    IStandardOutput stdout,
    ILog log)
{
    public async Task<int> RunAsync(SsoOptions options, string output, CancellationToken cancellationToken)
    {
        var request = resolver.Resolve(options, requireRole: false);
        using var portal = portalFactory(request.Settings.Endpoints);
        var accounts = await AccountDirectory.ListAsync(tokens, portal, request, log, cancellationToken).ConfigureAwait(false);

        var bytes = output == "json" ? AccountListing.Json(accounts) : AccountListing.Text(accounts);
        using var stream = stdout.OpenStream();
        stream.Write(bytes);
        return ExitCodes.Success;
    }
}
