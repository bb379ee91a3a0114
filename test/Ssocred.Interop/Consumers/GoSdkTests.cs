using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>
/// The AWS SDK for Go v2, the SDK family Terraform's AWS provider is built on:
/// <c>config.LoadDefaultConfig</c> with <c>config.WithSharedConfigProfile("demo")</c>.
/// </summary>
internal sealed class GoSdkTests : InteropTest
{
    [Test]
    public async Task Shared_config_profile_gets_credentials_from_ssocred()
    {
        var consumer = Installed.GoSdk;
        SeedToken(TimeSpan.FromHours(4));

        var run = await RunConsumer(consumer, "-profile", "demo");

        AssertStsSawTheFakesCredentials(run);
    }

    [Test]
    public async Task Shows_ssocreds_message_when_it_fails()
    {
        var consumer = Installed.GoSdk;
        var message = await SsocredFailureMessage();

        var run = await RunConsumer(consumer, "-profile", "demo");

        AssertShowsSsocredsMessage(run, message);
    }
}
