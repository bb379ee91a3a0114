using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §5: 5xx, 429 and dropped connections are retried with backoff (three attempts in all),
/// so a service that fails twice and then answers still gives credentials. The existing
/// CredentialProcess/FaultTests cover 500, 503 and 429 on GetRoleCredentials; this is the rest of
/// the matrix: the refresh (CreateToken, grant refresh_token), and dropped connections on both.
/// </summary>
internal sealed class TransientFaultTests : EndToEndTest
{
    private const string Refresh = "CreateToken:refresh_token";

    [TestCase(FaultKind.InternalError500)]
    [TestCase(FaultKind.ServiceUnavailable503)]
    [TestCase(FaultKind.TooManyRequests429)]
    [TestCase(FaultKind.ConnectionReset)]
    public async Task Refresh_failing_twice_is_retried_and_then_succeeds(FaultKind fault)
    {
        var seeded = SeedToken(TimeSpan.FromMinutes(-1));
        Fake.InjectFault(Refresh, fault, times: 2);

        var run = await Run("--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(3), "two failures and one success");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(run.Stderr, Is.Empty, "a retried failure is nothing to warn about");
            Assert.That(Home.ReadJson(Home.TokenPath(CorpTokenKey))!["refreshToken"]!.GetValue<string>(), Is.Not.EqualTo(seeded.RefreshToken), "the rotated refresh token was saved");
        });
        TestContext.Out.WriteLine($"{fault} ×2 on the refresh: credentials after {run.Elapsed.TotalMilliseconds:0} ms");
    }

    [Test]
    public async Task GetRoleCredentials_connection_dropped_twice_is_retried_and_then_succeeds()
    {
        SeedToken(TimeSpan.FromHours(4));
        Fake.InjectFault("GetRoleCredentials", FaultKind.ConnectionReset, times: 2);

        var run = await Run("--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(3));
        TestContext.Out.WriteLine($"ConnectionReset ×2 on GetRoleCredentials: credentials after {run.Elapsed.TotalMilliseconds:0} ms");
    }

    [Test]
    public async Task Refresh_and_fetch_failing_in_turn_still_give_credentials()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        Fake.InjectFault(Refresh, FaultKind.ServiceUnavailable503, times: 1);
        Fake.InjectFault(Refresh, FaultKind.ConnectionReset, times: 1);
        Fake.InjectFault("GetRoleCredentials", FaultKind.TooManyRequests429, times: 1);
        Fake.InjectFault("GetRoleCredentials", FaultKind.InternalError500, times: 1);

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(3));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(3));
        });
    }
}
