using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>
/// Each consumer gets credentials only through <c>credential_process = ssocred …</c>: its STS call
/// is signed with the role credentials the fake issued, and when ssocred fails the person sees why.
/// </summary>
internal sealed class CredentialProcessTests : InteropTest
{
    [TestCaseSource(typeof(ConsumerCalls), nameof(ConsumerCalls.All))]
    public async Task Signs_its_call_with_the_credentials_the_fake_issued(ConsumerCall call)
    {
        var consumer = call.Find();
        SeedToken(TimeSpan.FromHours(4));

        var run = await RunConsumer(consumer, ConsumerEnvironment(call.AwsProfile), call.Arguments(Sts.Endpoint));

        AssertStsSawTheFakesCredentials(run);
    }

    [TestCaseSource(typeof(ConsumerCalls), nameof(ConsumerCalls.All))]
    public async Task Shows_the_person_why_when_ssocred_fails(ConsumerCall call)
    {
        var consumer = call.Find();
        var message = await SsocredFailureMessage();

        var run = await RunConsumer(consumer, ConsumerEnvironment(call.AwsProfile), call.Arguments(Sts.Endpoint));

        AssertShowsMessage(run, call.OwnFailureSummary ?? message);
    }
}
