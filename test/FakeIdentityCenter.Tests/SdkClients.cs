using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace FakeIdentityCenter.Tests;

/// <summary>
/// Real AWS SDK clients pointed at a fake. No credentials (the operations are unsigned, noAuth),
/// standard retry mode, and retry back-off capped at a few milliseconds so fault tests stay fast.
/// </summary>
internal static class SdkClients
{
    /// <summary>Retries after the first attempt; the SDK's standard mode makes 3 attempts in all.</summary>
    public const int DefaultMaxErrorRetry = 2;

    public static AmazonSSOOIDCClient Oidc(FakeIdentityCenterServer server, int maxErrorRetry = DefaultMaxErrorRetry, TimeSpan? timeout = null)
    {
        var config = new AmazonSSOOIDCConfig();
        Configure(config, server, maxErrorRetry, timeout);
        return new FastRetryOidcClient(config);
    }

    public static AmazonSSOClient Portal(FakeIdentityCenterServer server, int maxErrorRetry = DefaultMaxErrorRetry, TimeSpan? timeout = null)
    {
        var config = new AmazonSSOConfig();
        Configure(config, server, maxErrorRetry, timeout);
        return new FastRetrySsoClient(config);
    }

    private static void Configure(ClientConfig config, FakeIdentityCenterServer server, int maxErrorRetry, TimeSpan? timeout)
    {
        config.ServiceURL = server.Endpoint;
        config.AuthenticationRegion = "us-east-1";
        config.IgnoreConfiguredEndpointUrls = true;
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = maxErrorRetry;
        config.ThrottleRetries = false;
        if (timeout is { } t)
        {
            config.Timeout = t;
        }
    }

    private static void UseFastRetries(RuntimePipeline pipeline, IClientConfig config) =>
        pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new StandardRetryPolicy(config) { MaxBackoffInMilliseconds = 10 }));

    private sealed class FastRetryOidcClient(AmazonSSOOIDCConfig config) : AmazonSSOOIDCClient(new AnonymousAWSCredentials(), config)
    {
        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            UseFastRetries(pipeline, Config);
        }
    }

    private sealed class FastRetrySsoClient(AmazonSSOConfig config) : AmazonSSOClient(new AnonymousAWSCredentials(), config)
    {
        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            UseFastRetries(pipeline, Config);
        }
    }
}
