using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>The AWS CLI v1 (Python's awscli on botocore): <c>aws sts get-caller-identity --profile demo</c>.</summary>
internal sealed class AwsCliV1Tests : InteropTest
{
    [Test]
    public async Task Gets_credentials_from_ssocred()
    {
        var consumer = Installed.AwsCliV1;
        SeedToken(TimeSpan.FromHours(4));

        var run = await RunConsumer(consumer, "sts", "get-caller-identity", "--profile", "demo", "--endpoint-url", Sts.Endpoint);

        AssertStsSawTheFakesCredentials(run);
    }

    [Test]
    public async Task Shows_ssocreds_message_when_it_fails()
    {
        var consumer = Installed.AwsCliV1;
        var message = await SsocredFailureMessage();

        var run = await RunConsumer(consumer, "sts", "get-caller-identity", "--profile", "demo", "--endpoint-url", Sts.Endpoint);

        AssertShowsSsocredsMessage(run, message);
    }
}
