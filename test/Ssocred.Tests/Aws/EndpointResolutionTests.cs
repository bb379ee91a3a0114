using Ssocred.Aws;
using Ssocred.Configuration;

namespace Ssocred.Tests.Aws;

/// <summary>
/// Which URLs the two APIs are called at: an override (AWS_ENDPOINT_URL_SSO*) as it is; else the
/// SDK's endpoint rules for the region, FIPS and dual-stack flags. The expected hosts are the
/// rule sets' templates ("portal.sso[-fips].{Region}.{dnsSuffix|dualStackDnsSuffix}", likewise
/// "oidc"), as botocore ships them.
/// </summary>
public class EndpointResolutionTests
{
    [TestCase("us-east-1", false, false, "https://portal.sso.us-east-1.amazonaws.com/", "https://oidc.us-east-1.amazonaws.com/")]
    [TestCase("eu-west-1", true, false, "https://portal.sso-fips.eu-west-1.amazonaws.com/", "https://oidc-fips.eu-west-1.amazonaws.com/")]
    [TestCase("ap-northeast-2", false, true, "https://portal.sso.ap-northeast-2.api.aws/", "https://oidc.ap-northeast-2.api.aws/")]
    [TestCase("us-west-2", true, true, "https://portal.sso-fips.us-west-2.api.aws/", "https://oidc-fips.us-west-2.api.aws/")]
    [TestCase("cn-north-1", false, false, "https://portal.sso.cn-north-1.amazonaws.com.cn/", "https://oidc.cn-north-1.amazonaws.com.cn/")]
    public void Region_and_flags_choose_the_endpoints_by_the_sdks_rules(string region, bool fips, bool dualStack, string portal, string oidc)
    {
        var endpoints = new SsoEndpoints(null, null, region, fips, dualStack);

        Assert.Multiple(() =>
        {
            Assert.That(AwsClientFactory.PortalEndpoint(endpoints).ToString(), Is.EqualTo(portal));
            Assert.That(AwsClientFactory.OidcEndpoint(endpoints).ToString(), Is.EqualTo(oidc));
        });
    }

    [Test]
    public void Overrides_are_used_as_they_are_whatever_the_flags()
    {
        var portal = new Uri("http://127.0.0.1:8400/portal");
        var oidc = new Uri("https://oidc.example.test/");
        var endpoints = new SsoEndpoints(portal, oidc, "us-east-1", UseFips: true, UseDualStack: true);

        Assert.Multiple(() =>
        {
            Assert.That(AwsClientFactory.PortalEndpoint(endpoints), Is.EqualTo(portal));
            Assert.That(AwsClientFactory.OidcEndpoint(endpoints), Is.EqualTo(oidc));
        });
    }
}
