using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>SPEC §1 and §5: what the service and the network do wrong.</summary>
internal sealed class FaultTests : EndToEndTest
{
    [TestCase(FaultKind.InternalError500)]
    [TestCase(FaultKind.ServiceUnavailable503)]
    [TestCase(FaultKind.TooManyRequests429)]
    public async Task GetRoleCredentials_errors_worth_retrying_are_retried(FaultKind fault)
    {
        SeedToken(TimeSpan.FromHours(4));
        Fake.InjectFault("GetRoleCredentials", fault, times: 2);

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(3));
    }

    [Test]
    public async Task Refresh_failing_on_5xx_after_the_retries_is_an_error_not_a_sign_in()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        Fake.InjectFault("CreateToken", FaultKind.InternalError500, times: 10);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, "CreateToken failed: InternalServerException: Injected fault");
        Assert.That(run.Stderr, Does.Not.Contain("HTTP Body"), "the service's sentence, not the raw body");
        Assert.That(Fake.Calls("CreateToken"), Is.EqualTo(3), "three attempts in all");
        Assert.That(Fake.Calls("Authorize") + Fake.Calls("StartDeviceAuthorization") + Fake.Calls("RegisterClient"), Is.Zero);
    }

    [Test]
    public async Task Forbidden_role_is_not_retried_and_keeps_the_token()
    {
        SeedToken(TimeSpan.FromHours(4));
        var before = File.ReadAllText(Home.TokenPath(CorpTokenKey));

        var run = await Run("--profile", "demo-sso", "--role-name", "NotAssigned");

        AssertFailure(run, 1, "'NotAssigned'", AccountId, "ForbiddenException");
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(File.ReadAllText(Home.TokenPath(CorpTokenKey)), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Token_refused_before_its_expiry_is_refreshed_and_the_call_retried()
    {
        var seeded = SeedToken(TimeSpan.FromHours(4));
        Fake.InjectFault("GetRoleCredentials", FaultKind.Unauthorized401, times: 1);

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(2));
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(Home.ReadJson(Home.TokenPath(CorpTokenKey))!["accessToken"]!.GetValue<string>(), Is.Not.EqualTo(seeded.AccessToken));
        });
    }

    [Test]
    public async Task Session_revoked_server_side_tries_the_refresh_token_then_asks_for_a_sign_in()
    {
        var seeded = SeedToken(TimeSpan.FromHours(4));
        Fake.RevokeAccessToken(seeded.AccessToken);

        var run = await Run("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1), "the refresh token was tried first");
        });
    }

    [Test]
    public async Task Token_revoked_without_a_refresh_token_is_marked_expired_and_the_person_told()
    {
        var seeded = SeedToken(TimeSpan.FromHours(4), withRefreshToken: false);
        Fake.RevokeAccessToken(seeded.AccessToken);

        var run = await Run("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        Assert.That(ParseTime(token["expiresAt"]!.GetValue<string>()), Is.LessThanOrEqualTo(DateTimeOffset.UtcNow));
    }

    [Test]
    public async Task Broken_json_from_the_service_is_a_clear_error()
    {
        SeedToken(TimeSpan.FromHours(4));
        Fake.InjectFault("GetRoleCredentials", FaultKind.BrokenJson, times: 10);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, "GetRoleCredentials failed", "not the JSON the API defines");
        Assert.That(Home.Files(), Has.None.Match(@"^cli/.*\.json$"), "nothing cached");
    }

    /// <summary>
    /// The README: "a refused connection fails in about a second" (three attempts with the
    /// standard mode's short backoff); 3 s leaves room for a busy machine, not for a timeout.
    /// </summary>
    [Test]
    public async Task Refused_connection_fails_within_3_seconds()
    {
        SeedToken(TimeSpan.FromHours(4));
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSO"] = $"http://127.0.0.1:{UnusedPort()}";

        var run = await RunWith(environment, "--profile", "demo-sso");

        AssertFailure(run, 1, "GetRoleCredentials failed", "cannot connect");
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        TestContext.Out.WriteLine($"refused connection: exit 1 after {run.Elapsed.TotalMilliseconds:0} ms");
    }

    [Test]
    public async Task A_failure_without_an_endpoint_override_names_the_regional_host_it_tried()
    {
        // A region no DNS knows: the SDK's own endpoint for it cannot resolve, here or anywhere.
        Home.WriteConfig(StandardConfig.Replace($"sso_region = {Region}", "sso_region = xx-nowhere-1", StringComparison.Ordinal));
        Home.WriteTokenFile(CorpTokenKey, new() { ["startUrl"] = StartUrl, ["region"] = "xx-nowhere-1", ["accessToken"] = "token", ["expiresAt"] = CliTime(DateTimeOffset.UtcNow.AddHours(4)) });
        var environment = Environment();
        environment.Remove("AWS_ENDPOINT_URL_SSO");
        environment.Remove("AWS_ENDPOINT_URL_SSO_OIDC");

        var run = await RunWith(environment, "--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "GetRoleCredentials failed: cannot connect to IAM Identity Center at https://portal.sso.xx-nowhere-1.amazonaws.com (");
    }

    [Test]
    public async Task Endpoint_that_never_answers_fails_within_60_seconds()
    {
        SeedToken(TimeSpan.FromHours(4));
        Fake.InjectFault("GetRoleCredentials", FaultKind.Hang, times: 10);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, "GetRoleCredentials failed", "did not answer in time");
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        TestContext.Out.WriteLine($"hang: gave up after {run.Elapsed.TotalSeconds:0.0} s, {Fake.Calls("GetRoleCredentials")} attempts");
    }
}
