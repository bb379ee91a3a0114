using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>
/// SPEC §5: no token, refresh token, client secret, secret key or session token in a log or
/// message. Every secret the fake issues carries its marker, and every test's stderr is scanned
/// for it when the test ends; these tests make ssocred log as much as it can.
/// </summary>
internal sealed class SecretsTests : EndToEndTest
{
    [Test]
    public async Task Verbose_log_of_a_refresh_and_fetch_holds_no_secret()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        var logFile = LogFile();

        var run = await Run("--profile", "demo-sso", "-v", "--log-file", logFile);

        AssertCredentialJson(run);
        var log = File.ReadAllText(logFile);
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.Contain("refreshing the SSO token"), "debug lines were written");
            Assert.That(log, Does.Contain("GetRoleCredentials"));
            foreach (var secret in Fake.IssuedSecrets)
            {
                Assert.That(run.Stderr + log, Does.Not.Contain(secret));
            }
        });
    }

    [Test]
    public async Task Failures_at_verbose_hold_no_secret()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        Fake.InjectFault("CreateToken", FaultKind.InternalError500, times: 10);
        var environment = Environment();
        environment["SSOCRED_LOG_FILE"] = LogFile();

        var run = await RunWith(environment, "--profile", "demo-sso", "-v");

        AssertFailure(run, 1, "CreateToken failed");
        Assert.That(File.ReadAllText(environment["SSOCRED_LOG_FILE"]), Does.Contain("refreshing").And.Contain("exit 1: CreateToken failed"), "the outcome is in the log file too");
    }
}
