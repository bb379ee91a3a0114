using System.Net.Sockets;
using Ssocred.Aws;
using Ssocred.Configuration;

namespace Ssocred.Commands.Doctor;

/// <summary>Which endpoints will be used, and whether anything answers there.</summary>
internal sealed class EndpointsCheck : IDoctorCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public async Task<DoctorSection?> RunAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var settings = request.Settings;
        var findings = new List<Finding>();
        foreach (var (name, url, source) in new[]
                 {
                     ("portal (SSO)", AwsClientFactory.PortalEndpoint(settings.Endpoints), settings.Sources.GetValueOrDefault("AWS_ENDPOINT_URL_SSO")),
                     ("OIDC (SSO OIDC)", AwsClientFactory.OidcEndpoint(settings.Endpoints), settings.Sources.GetValueOrDefault("AWS_ENDPOINT_URL_SSO_OIDC")),
                 })
        {
            findings.Add(Finding.Fact(name, $"{url} ({source ?? "the region's endpoint"})"));
            var reachable = await ConnectsAsync(url, cancellationToken).ConfigureAwait(false);
            if (reachable is not null)
            {
                findings.Add(Finding.Warning($"cannot connect to {url.GetLeftPart(UriPartial.Authority)}: {reachable}"));
            }
        }

        return new DoctorSection("endpoints", findings);
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
