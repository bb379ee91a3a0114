using Ssocred.Aws;

namespace Ssocred.Tests.Aws;

/// <summary>SPEC §7: the federation endpoint by the IAM Identity Center region's partition, and the default destination.</summary>
public class ConsoleUrlsTests
{
    [TestCase("us-east-1", "https://signin.aws.amazon.com/federation")]
    [TestCase("ap-northeast-2", "https://signin.aws.amazon.com/federation")]
    [TestCase("us-gov-west-1", "https://signin.amazonaws-us-gov.com/federation")]
    [TestCase("cn-north-1", "https://signin.amazonaws.cn/federation")]
    public void The_federation_endpoint_follows_the_partition(string ssoRegion, string expected) =>
        Assert.That(ConsoleUrls.FederationEndpoint(null, ssoRegion).ToString(), Is.EqualTo(expected));

    [Test]
    public void Aws_endpoint_url_signin_wins_with_or_without_a_trailing_slash() =>
        Assert.Multiple(() =>
        {
            Assert.That(ConsoleUrls.FederationEndpoint("http://127.0.0.1:5000", "cn-north-1").ToString(), Is.EqualTo("http://127.0.0.1:5000/federation"));
            Assert.That(ConsoleUrls.FederationEndpoint("http://127.0.0.1:5000/", "us-east-1").ToString(), Is.EqualTo("http://127.0.0.1:5000/federation"));
        });

    [TestCase("us-east-1", null, "https://console.aws.amazon.com/")]
    [TestCase("us-east-1", "eu-west-3", "https://eu-west-3.console.aws.amazon.com/console/home?region=eu-west-3")]
    [TestCase("us-gov-west-1", null, "https://console.amazonaws-us-gov.com/")]
    [TestCase("us-gov-west-1", "us-gov-east-1", "https://console.amazonaws-us-gov.com/console/home?region=us-gov-east-1")]
    [TestCase("cn-north-1", "cn-northwest-1", "https://console.amazonaws.cn/console/home?region=cn-northwest-1")]
    public void The_default_destination_is_the_consoles_home_in_the_profiles_region(string ssoRegion, string? profileRegion, string expected) =>
        Assert.That(ConsoleUrls.DefaultDestination(ssoRegion, profileRegion), Is.EqualTo(expected));
}
