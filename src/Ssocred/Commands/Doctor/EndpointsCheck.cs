using System.Net.Sockets;
using Ssocred.Aws;

namespace Ssocred.Commands.Doctor;

/// <summary>Which endpoints will be used, and whether anything answers there.</summary>
internal sealed class EndpointsCheck : IDoctorCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public async Task RunAsync(DoctorState state, DoctorReport report, CancellationToken cancellationToken)
    {
        if (state.Settings is not { } settings)
        {
            return;
        }

        report.Section("endpoints");
        foreach (var (name, url, source) in new[]
                 {
                     ("portal (SSO)", AwsClientFactory.PortalEndpoint(settings.Endpoints), settings.Sources.GetValueOrDefault("AWS_ENDPOINT_URL_SSO")),
                     ("OIDC (SSO OIDC)", AwsClientFactory.OidcEndpoint(settings.Endpoints), settings.Sources.GetValueOrDefault("AWS_ENDPOINT_URL_SSO_OIDC")),
                 })
        {
            report.Fact(name, $"{url} ({source ?? "the region's endpoint"})");
            var reachable = await ConnectsAsync(url, cancellationToken).ConfigureAwait(false);
            if (reachable is not null)
            {
                report.Warning($"cannot connect to {url.GetLeftPart(UriPartial.Authority)}: {reachable}");
            }
        }
    }

    /// <summary>Null when a TCP connection opens; else why not.</summary>
    private static async Task<string?> ConnectsAsync(Uri url, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await client.ConnectAsync(url.Host, url.Port, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {ConnectTimeout.TotalSeconds:0} s";
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }
}
