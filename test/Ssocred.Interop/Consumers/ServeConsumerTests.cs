using Ssocred.EndToEnd.Support;
using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>
/// SPEC §7: each consumer gets the fake's credentials from <c>ssocred serve</c> through nothing but
/// AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN (no AWS_PROFILE, no
/// credential_process it could use): its STS call is signed with the role credentials the fake issued.
/// </summary>
internal sealed class ServeConsumerTests : InteropTest
{
    public static IEnumerable<TestCaseData> Consumers()
    {
        yield return Case("botocore's container provider (boto3 default session)", () => Installed.Boto3, _ => []);
        yield return Case("AWS CLI v2, default chain", () => Installed.AwsCliV2, sts => ["sts", "get-caller-identity", "--endpoint-url", sts]);
        yield return Case("AWS SDK for JavaScript v3, fromContainerMetadata", () => Installed.JavaScriptSdk, _ => ["--from-container-metadata"]);
        yield return Case("AWS SDK for JavaScript v3, default chain", () => Installed.JavaScriptSdk, _ => []);
        yield return Case("AWS SDK for Go v2, default chain (endpointcreds)", () => Installed.GoSdk, _ => []);
        yield return Case("AWS SDK for .NET, default chain (generic container credentials)", () => Installed.DotnetSdk, _ => []);
    }

    [TestCaseSource(nameof(Consumers))]
    public async Task Signs_its_call_with_the_credentials_the_fake_issued_through_serve(Func<Consumer> find, Func<string, string[]> arguments)
    {
        var consumer = find();
        SeedToken(TimeSpan.FromHours(4));
        using var serve = await ServeProcess.StartAsync(["serve", "--profile", "demo-sso"], Environment());
        var environment = ConsumerEnvironment();
        environment[ServeVariable.FullUri] = serve.Uri.ToString();
        environment[ServeVariable.Token] = serve.Token;

        var run = await RunConsumer(consumer, environment, arguments(Sts.Endpoint));
        serve.Signal(Signals.SIGTERM);
        var served = await serve.WaitForExitAsync();
        Record(served, Environment(), ["serve"]);

        AssertStsSawTheFakesCredentials(run);
        Assert.Multiple(() =>
        {
            Assert.That(served.ExitCode, Is.Zero, served.ToString());
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1), "the consumer's requests were answered from one fetch");
        });
    }

    private static TestCaseData Case(string description, Func<Consumer> find, Func<string, string[]> arguments) =>
        new TestCaseData(find, arguments).SetArgDisplayNames(description);

    private static class ServeVariable
    {
        public const string FullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
        public const string Token = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    }
}
