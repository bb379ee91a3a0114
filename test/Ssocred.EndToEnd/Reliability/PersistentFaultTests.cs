using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §1 and §5: a fault that outlasts the three attempts is exit 1 with a sentence naming the
/// operation and what to do, quickly, with nothing on stdout and no sign-in started (a sign-in
/// would fail the same way). README: "a refused connection fails within seconds".
/// </summary>
internal sealed class PersistentFaultTests : EndToEndTest
{
    private const string Refresh = "CreateToken:refresh_token";

    /// <summary>More faults than any number of retries could use up.</summary>
    private const int Always = 100;

    /// <summary>Three attempts and the SDK's backoff between them.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [TestCase(FaultKind.ServiceUnavailable503, "CreateToken failed: ServiceUnavailableException", "the service is failing")]
    [TestCase(FaultKind.TooManyRequests429, "CreateToken failed: ThrottlingException", "throttling requests; wait a moment")]
    [TestCase(FaultKind.BrokenJson, "CreateToken failed", "not the JSON the API defines")]
    public async Task Refresh_failing_every_attempt_is_a_clear_error(FaultKind fault, string what, string hint)
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        var before = File.ReadAllText(Home.TokenPath(CorpTokenKey));
        Fake.InjectFault(Refresh, fault, times: Always);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, what, hint);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(3), "three attempts in all");
            Assert.That(Fake.Calls("GetRoleCredentials") + Fake.Calls("RegisterClient") + Fake.Calls("StartDeviceAuthorization"), Is.Zero);
            Assert.That(File.ReadAllText(Home.TokenPath(CorpTokenKey)), Is.EqualTo(before), "the token file is left as it was");
            Assert.That(run.Elapsed, Is.LessThan(Quickly));
        });
        TestContext.Out.WriteLine($"{fault} on every refresh: exit 1 after {run.Elapsed.TotalMilliseconds:0} ms");
    }

    [TestCase(FaultKind.InternalError500, "GetRoleCredentials failed: InternalServerException", "the service is failing")]
    [TestCase(FaultKind.TooManyRequests429, "GetRoleCredentials failed: TooManyRequestsException", "throttling requests; wait a moment")]
    public async Task GetRoleCredentials_failing_every_attempt_is_a_clear_error(FaultKind fault, string what, string hint)
    {
        SeedToken(TimeSpan.FromHours(4));
        Fake.InjectFault("GetRoleCredentials", fault, times: Always);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, what, hint);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(3), "three attempts in all");
            Assert.That(Home.Files(), Has.None.Match(@"^cli/.*\.json$"), "nothing cached");
            Assert.That(run.Elapsed, Is.LessThan(Quickly));
        });
        TestContext.Out.WriteLine($"{fault} on every GetRoleCredentials: exit 1 after {run.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// A dropped connection is retried more often than an error answer (the HTTP stack retries a
    /// request whose pooled connection died, beneath the SDK's three attempts), but still ends.
    /// </summary>
    [TestCase(Refresh, "CreateToken failed")]
    [TestCase("GetRoleCredentials", "GetRoleCredentials failed")]
    public async Task Connection_dropped_on_every_attempt_is_a_clear_error(string operation, string what)
    {
        SeedToken(operation == Refresh ? TimeSpan.FromMinutes(-1) : TimeSpan.FromHours(4));
        Fake.InjectFault(operation, FaultKind.ConnectionReset, times: Always);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, what, "Connection reset", "check your network connection");
        var attempts = operation == Refresh ? Fake.TokenCalls("refresh_token") : Fake.Calls("GetRoleCredentials");
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.InRange(3, Always - 1), "at least the SDK's three attempts, and an end");
            Assert.That(run.Elapsed, Is.LessThan(Quickly));
        });
        TestContext.Out.WriteLine($"ConnectionReset on every {operation}: exit 1 after {attempts} tries, {run.Elapsed.TotalMilliseconds:0} ms");
    }

    [Test]
    public async Task Refused_connection_on_the_refresh_fails_within_seconds()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSO_OIDC"] = $"http://127.0.0.1:{UnusedPort()}";

        var run = await RunWith(environment, "--profile", "demo-sso");

        AssertFailure(run, 1, "CreateToken failed", "cannot connect", "check your network connection");
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "the README: a refused connection fails in about a second");
        TestContext.Out.WriteLine($"refused connection on the refresh: exit 1 after {run.Elapsed.TotalMilliseconds:0} ms");
    }
}
