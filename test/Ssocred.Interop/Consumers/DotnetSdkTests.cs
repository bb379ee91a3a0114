using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>The AWS SDK for .NET (AWSSDK.SecurityToken): the default credential chain with AWS_PROFILE.</summary>
internal sealed class DotnetSdkTests : InteropTest
{
    [Test]
    public async Task Default_chain_gets_credentials_from_ssocred()
    {
        var consumer = Installed.DotnetSdk;
        SeedToken(TimeSpan.FromHours(4));

        var run = await RunConsumer(consumer, ConsumerEnvironment(awsProfile: "demo"));

        AssertStsSawTheFakesCredentials(run);
    }

    [Test]
    public async Task Shows_ssocreds_message_when_it_fails()
    {
        var consumer = Installed.DotnetSdk;
        var message = await SsocredFailureMessage();

        var run = await RunConsumer(consumer, ConsumerEnvironment(awsProfile: "demo"));

        AssertShowsSsocredsMessage(run, message);
    }
}
