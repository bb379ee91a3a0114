using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>`ssocred logout`: the service is told, and exactly the session's files go.</summary>
internal sealed class LogoutCommandTests : EndToEndTest
{
    private const string OtherSessionToken = "0123456789abcdef0123456789abcdef01234567";
    private const string AssumeRoleCache = "assume-role-entry";

    [Test]
    public async Task Removes_the_sessions_token_registration_and_role_files_and_calls_logout()
    {
        var token = SeedToken(TimeSpan.FromHours(2));
        AssertCredentialJson(await Run("--profile", "demo-sso"));
        AssertCredentialJson(await Run("--profile", "demo-sso", "--role-name", "ReadOnly"));
        var sessionFiles = Home.Files().Where(f => f.EndsWith(".json", StringComparison.Ordinal)).ToList();
        Home.WriteTokenFile(OtherSessionToken, new() { ["startUrl"] = "https://other/start", ["accessToken"] = "other", ["expiresAt"] = CliTime(DateTimeOffset.UtcNow.AddHours(1)) });
        Home.WriteRoleFile(AssumeRoleCache, new() { ["Credentials"] = new System.Text.Json.Nodes.JsonObject { ["AccessKeyId"] = "ASIAOTHER" } });
        var before = Home.Files();

        var run = await Run("logout", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var removed = before.Except(Home.Files()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("Logout"), Is.EqualTo(1));
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(sessionFiles, Has.Count.EqualTo(3).And.Contains($"sso/cache/{CorpTokenKey}.json").And.Contains($"cli/cache/{CorpAdminRoleKey}.json"));
            Assert.That(removed.Where(f => f.EndsWith(".json", StringComparison.Ordinal)), Is.EquivalentTo(sessionFiles), "the token and both roles' credentials");
            Assert.That(Home.Files(), Does.Contain($"sso/cache/{OtherSessionToken}.json"), "another session's token stays");
            Assert.That(Home.Files(), Does.Contain($"cli/cache/{AssumeRoleCache}.json"), "other tools' cache entries stay");
            Assert.That(run.Stderr, Does.Contain("signed out of 'corp': removed 3 cached file(s)"));
        });

        // The service ended exactly that session (a logout of another token answers 401, which
        // ssocred would only warn about).
        Assert.That(Fake.LoggedOutTokens, Is.EqualTo(new[] { token.AccessToken }), "Logout ended the session's token");
        AssertFailure(await Run("--profile", "demo-sso", "--no-login"), 1, "no valid SSO session");
    }

    [Test]
    public async Task Unreachable_service_still_removes_the_local_files_with_a_warning()
    {
        SeedToken(TimeSpan.FromHours(2));
        Fake.InjectFault("Logout", FaultKind.InternalError500, times: 10);

        var run = await Run("logout", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stderr, Does.Contain("warning: could not end the sign-in"));
        Assert.That(File.Exists(Home.TokenPath(CorpTokenKey)), Is.False);
    }

    [Test]
    public async Task All_signs_out_of_every_session_in_the_caches()
    {
        var corp = SeedToken(TimeSpan.FromHours(2));
        AssertCredentialJson(await Run("--profile", "demo-sso"));
        var other = SeedToken(TimeSpan.FromHours(2), key: OtherSessionToken);
        Home.WriteRoleFile(AssumeRoleCache, new() { ["Credentials"] = new System.Text.Json.Nodes.JsonObject { ["AccessKeyId"] = "ASIAOTHER" } });

        var run = await Run("logout", "--all");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("Logout"), Is.EqualTo(2));
            Assert.That(Fake.LoggedOutTokens, Is.EquivalentTo(new[] { corp.AccessToken, other.AccessToken }), "both sessions ended");
            Assert.That(Home.Files().Where(f => f.EndsWith(".json", StringComparison.Ordinal)), Is.EqualTo(new[] { $"cli/cache/{AssumeRoleCache}.json" }));
        });
    }
}
