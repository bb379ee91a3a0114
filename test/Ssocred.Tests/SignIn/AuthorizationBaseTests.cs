using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.SignIn;

/// <summary>SPEC §1–2: the authorize URL is built from the OIDC endpoint in use, as the SDK resolves it.</summary>
public class AuthorizationBaseTests
{
    [TestCase("ap-northeast-2", false, false, "https://oidc.ap-northeast-2.amazonaws.com/")]
    [TestCase("us-east-1", true, false, "https://oidc-fips.us-east-1.amazonaws.com/")]
    [TestCase("us-east-1", false, true, "https://oidc.us-east-1.api.aws/")]
    [TestCase("cn-north-1", false, false, "https://oidc.cn-north-1.amazonaws.com.cn/")]
    public void Without_an_override_it_is_the_sdks_regional_endpoint(string region, bool fips, bool dualStack, string expected)
    {
        using var oidc = new SsoOidc(new SsoEndpoints(null, null, region, fips, dualStack), new RecordingLog());

        Assert.That(oidc.AuthorizationBase().ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void An_override_is_used_as_it_is()
    {
        using var oidc = new SsoOidc(new SsoEndpoints(null, new Uri("http://127.0.0.1:4566/"), "us-east-1", false, false), new RecordingLog());

        Assert.That(oidc.AuthorizationBase(), Is.EqualTo(new Uri("http://127.0.0.1:4566/")));
    }
}
