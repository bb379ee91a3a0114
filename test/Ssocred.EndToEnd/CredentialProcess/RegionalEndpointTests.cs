using Amazon;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSOOIDC;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>
/// With no AWS_ENDPOINT_URL_SSO*, the host ssocred calls comes from sso_region and the FIPS and
/// dual-stack settings, by the SDK's endpoint rules: the same host the AWSSDK clients resolve with
/// their defaults and botocore resolves with its own rules. ssocred runs in a network namespace
/// of its own (unshare --net: only a loopback that is down), so its calls fail at once and no
/// packet leaves this machine; -v names the host it tried.
/// </summary>
internal sealed class RegionalEndpointTests : EndToEndTest
{
    [TestCase("eu-west-1", false, false)]
    [TestCase("ap-northeast-2", true, false)]
    [TestCase("us-east-1", false, true)]
    [TestCase("ca-central-1", true, true)]
    [TestCase("cn-north-1", false, false)]
    public async Task The_region_and_its_FIPS_and_dual_stack_variants_pick_the_SDKs_own_endpoints(string region, bool fips, bool dualStack)
    {
        var portal = PortalHost(region, fips, dualStack);
        var oidc = OidcHost(region, fips, dualStack);
        var botocore = BotocoreHosts(region, fips, dualStack);
        Assert.That((portal, oidc), Is.EqualTo(botocore), "the AWSSDK and botocore agree on the endpoints");

        Home.WriteConfig(StandardConfig.Replace($"sso_region = {Region}", $"sso_region = {region}", StringComparison.Ordinal));
        var environment = Environment();
        environment.Remove("AWS_ENDPOINT_URL_SSO");
        environment.Remove("AWS_ENDPOINT_URL_SSO_OIDC");
        environment["AWS_USE_FIPS_ENDPOINT"] = fips ? "true" : "false";
        environment["AWS_USE_DUALSTACK_ENDPOINT"] = dualStack ? "true" : "false";

        // A live token: GetRoleCredentials on the portal.
        SeedToken(TimeSpan.FromHours(2));
        var portalRun = await RunIsolated(environment, "--profile", "demo-sso", "-v");
        AssertFailure(portalRun, 1, "GetRoleCredentials failed", "cannot connect");
        Assert.That(portalRun.Stderr, Does.Contain($"({portal}:443)"), "-v names the portal host it tried");

        // An expired token with a refresh token: CreateToken on OIDC.
        SeedToken(TimeSpan.FromMinutes(-5));
        var oidcRun = await RunIsolated(environment, "--profile", "demo-sso", "--no-login", "-v");
        Assert.That(oidcRun.ExitCode, Is.Not.Zero, oidcRun.ToString());
        Assert.That(oidcRun.Stderr, Does.Contain($"({oidc}:443)"), "-v names the OIDC host it tried");
    }

    private static T Configured<T>(T config, string region, bool fips, bool dualStack)
        where T : ClientConfig
    {
        config.IgnoreConfiguredEndpointUrls = true;
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        config.UseFIPSEndpoint = fips;
        config.UseDualstackEndpoint = dualStack;
        return config;
    }

    /// <summary>The host the AWSSDK portal client would call, resolved without a request.</summary>
    private static string PortalHost(string region, bool fips, bool dualStack)
    {
        using var client = new AmazonSSOClient(new AnonymousAWSCredentials(), Configured(new AmazonSSOConfig(), region, fips, dualStack));
        return new Uri(client.DetermineServiceOperationEndpoint(new Amazon.SSO.Model.ListAccountsRequest()).URL).Host;
    }

    /// <summary>The host the AWSSDK OIDC client would call, resolved without a request.</summary>
    private static string OidcHost(string region, bool fips, bool dualStack)
    {
        using var client = new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), Configured(new AmazonSSOOIDCConfig(), region, fips, dualStack));
        return new Uri(client.DetermineServiceOperationEndpoint(new Amazon.SSOOIDC.Model.CreateTokenRequest()).URL).Host;
    }

    /// <summary>botocore's endpoint rules for both services (creating a client sends nothing).</summary>
    private (string Portal, string Oidc) BotocoreHosts(string region, bool fips, bool dualStack)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = Home.Root,
            ["AWS_CONFIG_FILE"] = "/dev/null",
        };
        var hosts = PythonScript.Run(
            """
            import json, sys, urllib.parse, botocore, botocore.session
            from botocore.config import Config
            region, fips, dual = sys.argv[1], sys.argv[2] == "true", sys.argv[3] == "true"
            config = Config(use_fips_endpoint=fips, use_dualstack_endpoint=dual, signature_version=botocore.UNSIGNED)
            session = botocore.session.get_session()
            print(json.dumps({s: urllib.parse.urlparse(session.create_client(s, region_name=region, config=config).meta.endpoint_url).hostname for s in ("sso", "sso-oidc")}))
            """,
            environment,
            region,
            fips ? "true" : "false",
            dualStack ? "true" : "false");
        return (hosts["sso"]!.GetValue<string>(), hosts["sso-oidc"]!.GetValue<string>());
    }

    /// <summary>ssocred in a network namespace of its own: nothing it sends can leave the machine.</summary>
    private async Task<SsocredRun> RunIsolated(Dictionary<string, string> environment, params string[] args)
    {
        string[] unshare = System.Environment.UserName == "root" ? ["--net"] : ["--map-root-user", "--net"];
        var run = await SsocredProcess.RunAsync([.. unshare, "--", SsocredExecutable.Path, .. args], environment, executable: "unshare");
        Record(run, environment, args);
        return run;
    }
}
