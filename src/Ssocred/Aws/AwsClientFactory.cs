using Amazon;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSOOIDC;
using Ssocred.Configuration;

namespace Ssocred.Aws;

/// <summary>
/// Builds the AWS SDK clients for the two IAM Identity Center APIs. Both are unsigned (the portal
/// takes the SSO token in a header), so they get anonymous credentials and never look for any.
/// </summary>
internal static class AwsClientFactory
{
    /// <summary>One attempt's limit; three attempts and their backoff stay inside a minute.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Every call together, retries included.</summary>
    public static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(55);

    /// <summary>
    /// Ends a call, all its attempts included, after <see cref="CallBudget"/>: the attempt limit
    /// alone does not bound it (under load the SDK and HTTP stack were seen making a fourth
    /// 15 s attempt at a silent endpoint, 61 s in all), and SPEC §5 promises an end within 60 s.
    /// </summary>
    public static CancellationTokenSource Budget(CancellationToken cancellationToken)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(CallBudget);
        return budget;
    }

    public static AmazonSSOClient CreatePortal(SsoEndpoints endpoints)
    {
        var config = new AmazonSSOConfig();
        Configure(config, endpoints.PortalUrl, endpoints);
        return new AmazonSSOClient(new AnonymousAWSCredentials(), config);
    }

    public static AmazonSSOOIDCClient CreateOidc(SsoEndpoints endpoints)
    {
        var config = new AmazonSSOOIDCConfig();
        Configure(config, endpoints.OidcUrl, endpoints);
        return new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), config);
    }

    /// <summary>The portal URL in use: the override, else what the SDK resolves for the region.</summary>
    public static Uri PortalEndpoint(SsoEndpoints endpoints)
    {
        if (endpoints.PortalUrl is { } url)
        {
            return url;
        }

        using var client = CreatePortal(endpoints);
        return new Uri(client.DetermineServiceOperationEndpoint(new Amazon.SSO.Model.ListAccountsRequest()).URL);
    }

    /// <summary>The portal URL in use for a failure's message (only then resolved: the warm path never asks); null when it cannot be said.</summary>
    public static Uri? TryPortalEndpoint(SsoEndpoints endpoints) => TryResolve(() => PortalEndpoint(endpoints));

    /// <summary>The OIDC URL in use for a failure's message; null when it cannot be said.</summary>
    public static Uri? TryOidcEndpoint(SsoEndpoints endpoints) => TryResolve(() => OidcEndpoint(endpoints));

    private static Uri? TryResolve(Func<Uri> resolve)
    {
        try
        {
            return resolve();
        }
        catch (Exception e) when (e is AmazonClientException or ArgumentException or UriFormatException)
        {
            return null;
        }
    }

    /// <summary>The OIDC URL in use: the override, else what the SDK resolves for the region.</summary>
    public static Uri OidcEndpoint(SsoEndpoints endpoints)
    {
        if (endpoints.OidcUrl is { } url)
        {
            return url;
        }

        using var client = CreateOidc(endpoints);
        return new Uri(client.DetermineServiceOperationEndpoint(new Amazon.SSOOIDC.Model.CreateTokenRequest()).URL);
    }

    private static void Configure(ClientConfig config, Uri? endpointOverride, SsoEndpoints endpoints)
    {
        // Endpoints are resolved by ProfileResolver, once, so doctor can show what is used.
        config.IgnoreConfiguredEndpointUrls = true;
        if (endpointOverride is not null)
        {
            config.ServiceURL = endpointOverride.ToString();
            config.AuthenticationRegion = endpoints.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(endpoints.Region);
        }

        config.UseFIPSEndpoint = endpoints.UseFips;
        config.UseDualstackEndpoint = endpoints.UseDualStack;

        // The SDK's standard retry mode: 5xx, 429 and throttling errors retried with backoff,
        // three attempts in all; other 4xx answers fail at once.
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = 2;
        config.Timeout = AttemptTimeout;
        config.ConnectTimeout = TimeSpan.FromSeconds(5);
        config.DisableLogging = true;

        // Every setting the SDK would otherwise look up in ~/.aws/config, set here. The SDK reads
        // that file with a stricter parser than botocore's (a continuation line, or a [default]
        // region such as "eu-west-1 ; note", makes it throw), and the file is ours to read.
        config.DefaultConfigurationMode = DefaultConfigurationMode.Standard;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        config.AccountIdEndpointMode = AccountIdEndpointMode.DISABLED;
        config.DisableRequestCompression = true;
        config.RequestMinCompressionSizeBytes = 10240;
        config.AuthSchemePreference = [];
        config.SigV4aSigningRegionSet = [];
        config.DisableClockSkewCorrection = false;
        config.ClientAppId = "ssocred";

        // The SDK's own HTTP client, but with TLS trust that reads only the root certificates a
        // chain needs (Platform/TlsTrust.cs): the first connection is ~90 ms faster on Linux.
        config.HttpClientFactory = new SsoHttpClientFactory();
    }
}
