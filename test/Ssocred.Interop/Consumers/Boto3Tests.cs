using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>boto3 (botocore's credential chain) with AWS_PROFILE naming the credential_process profile.</summary>
internal sealed class Boto3Tests : InteropTest
{
    [Test]
    public async Task Default_session_gets_credentials_from_ssocred()
    {
        var consumer = Installed.Boto3;
        SeedToken(TimeSpan.FromHours(4));

        var run = await RunConsumer(consumer, ConsumerEnvironment(awsProfile: "demo"));

        AssertStsSawTheFakesCredentials(run);
    }

    [Test]
    public async Task Shows_ssocreds_message_when_it_fails()
    {
        var consumer = Installed.Boto3;
        var message = await SsocredFailureMessage();

        var run = await RunConsumer(consumer, ConsumerEnvironment(awsProfile: "demo"));

        AssertShowsSsocredsMessage(run, message);
    }
}
