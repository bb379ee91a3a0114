using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §5 and the README: an endpoint that accepts but never answers fails in about 45 s (three
/// attempts of 15 s), and within 60 s whatever the HTTP stack does (the call's 55 s budget), with
/// a clear message. CredentialProcess/FaultTests covers the
/// hang on GetRoleCredentials; this is the refresh. Its own fixture, so the long waits overlap
/// with other fixtures instead of adding to them.
/// </summary>
internal sealed class HangTests : EndToEndTest
{
    [Test]
    public async Task Refresh_that_never_answers_fails_within_60_seconds()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        Fake.InjectFault("CreateToken:refresh_token", FaultKind.Hang, times: 10);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, "CreateToken failed", "did not answer in time", "check your network connection");
        Assert.Multiple(() =>
        {
            Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
            Assert.That(run.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(40)), "each of the three attempts waited its 15 s");
            Assert.That(Fake.TokenCalls("refresh_token"), Is.GreaterThanOrEqualTo(3), "at least three attempts (SPEC §5)");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero);
        });
        TestContext.Out.WriteLine($"hang on the refresh: gave up after {run.Elapsed.TotalSeconds:0.0} s, {Fake.TokenCalls("refresh_token")} attempts");
    }

    [Test]
    public async Task Refresh_that_hangs_once_is_retried_after_one_attempt_timeout()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        Fake.InjectFault("CreateToken:refresh_token", FaultKind.Hang, times: 1);

        var run = await Run("--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(25)));
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(2));
        });
        TestContext.Out.WriteLine($"one hang on the refresh: credentials after {run.Elapsed.TotalSeconds:0.0} s");
    }
}
