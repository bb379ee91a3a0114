using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §1: a refresh the service refuses (invalid_grant, invalid_client, expired registration,
/// expired or denied grant) moves on to a sign-in, never retried; with --no-login that is exit 1
/// and the command to run. The token file is kept (the CLI may still use it elsewhere).
/// </summary>
internal sealed class RejectedRefreshTests : EndToEndTest
{
    private static IEnumerable<TestCaseData> Refusals()
    {
        foreach (var fault in new[] { FaultKind.InvalidGrant, FaultKind.Unauthorized401, FaultKind.ExpiredToken, FaultKind.Forbidden403 })
        {
            yield return new TestCaseData((Action<FakeIdentityCenterServer>)(fake => fake.InjectFault("CreateToken:refresh_token", fault, times: 10)))
                .SetArgDisplayNames(fault.ToString());
        }

        yield return new TestCaseData((Action<FakeIdentityCenterServer>)(fake => fake.ExpireClientRegistrations()))
            .SetArgDisplayNames("client registration expired");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Refused_refresh_asks_for_a_sign_in_without_retrying(Action<FakeIdentityCenterServer> refuse)
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        refuse(Fake);

        var run = await Run("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1), "a refusal is not retried");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero);
        });
    }

    [Test]
    public async Task Registration_expired_by_the_cache_file_is_not_even_tried()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        token["registrationExpiresAt"] = CliTime(DateTimeOffset.UtcNow.AddMinutes(-1));
        Home.WriteTokenFile(CorpTokenKey, token);

        var run = await Run("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "no valid SSO session for 'corp'");
        Assert.That(Fake.Calls("CreateToken"), Is.Zero);
    }
}
