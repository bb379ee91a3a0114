using System.Globalization;
using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Platform;

namespace Ssocred.Commands.Doctor;

/// <summary>Which endpoints will be used, and whether anything answers there.</summary>
internal sealed class EndpointsCheck(IEndpointProbe probe) : IDoctorCheck
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
            var reach = await probe.ConnectAsync(url, ConnectTimeout, cancellationToken).ConfigureAwait(false);
            var answers = reach.Latency is { } latency
                ? $", answers in {latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
                : string.Empty;
            findings.Add(Finding.Fact(name, $"{url} ({source ?? "the region's endpoint"}){answers}"));
            if (reach.Failure is { } failure)
            {
                findings.Add(Finding.Warning($"cannot connect to {url.GetLeftPart(UriPartial.Authority)}: {failure}"));
            }
        }

        return new DoctorSection("endpoints", findings);
    }
}
