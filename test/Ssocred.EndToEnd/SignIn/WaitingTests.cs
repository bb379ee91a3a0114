using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.SignIn;

/// <summary>
/// SPEC §8 and issue 12: a wait says how long is left; a dead sign-in endpoint fails in seconds
/// before any browser opens; a --min-ttl longer than the credentials issued is said.
/// </summary>
internal sealed class WaitingTests : SignInTest
{
    protected override FakeIdentityCenter.FakeOptions FakeOptions() => new() { AutoApprove = false, DeviceInterval = TimeSpan.FromSeconds(1) };

    [Test]
    public async Task The_device_code_prompt_says_how_long_is_left()
    {
        var run = await Run("--profile", "demo-sso", "--use-device-code", "--no-browser", "--login-timeout", "3s");

        AssertFailure(run, 1, "was not completed within 3 s");
        Assert.That(run.Stderr, Does.Match(@"confirm the code [A-Z0-9-]+:\n  http\S+\n  waiting up to 3 s, until \d\d:\d\d UTC\n"));
    }

    [Test]
    public async Task The_browser_prompt_says_how_long_is_left()
    {
        var run = await RunWith(WithBrowser("true"), "login", "--profile", "demo-sso", "--login-timeout", "2s");

        AssertFailure(run, 1, "was not completed within 2 s");
        Assert.That(run.Stderr, Does.Match(@"open this URL on this machine:\n  http\S+/authorize\?\S+\n  waiting up to 2 s, until \d\d:\d\d UTC\n"));
    }

    [Test]
    public async Task A_dead_sign_in_endpoint_fails_in_seconds_and_opens_no_browser()
    {
        var dead = $"http://127.0.0.1:{UnusedPort()}";
        var environment = WithBrowser(Quote(BrowserScript("follow")));
        environment["AWS_ENDPOINT_URL_SSO_OIDC"] = dead;

        var run = await RunWith(environment, "login", "--profile", "demo-sso", "--force");

        AssertFailure(run, 1, $"cannot reach the IAM Identity Center sign-in endpoint {dead}", "no browser was opened");
        Assert.Multiple(() =>
        {
            Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "seconds, not the 10-minute sign-in timeout");
            Assert.That(BrowserInvocations(), Is.Empty);
            Assert.That(Fake.Calls("RegisterClient") + Fake.Calls("StartDeviceAuthorization"), Is.Zero);
        });
    }

    [Test]
    public async Task A_min_ttl_longer_than_the_credentials_issued_is_said_and_the_credentials_are_used()
    {
        SeedToken(TimeSpan.FromHours(8));

        var run = await Run("--profile", "demo-sso", "--min-ttl", "24h");

        AssertCredentialJson(run);
        Assert.That(run.Stderr, Does.StartWith("ssocred: warning: --min-ttl 24 h is longer than the credentials IAM Identity Center issues (these are valid until "));
        Assert.That(run.Stderr.TrimEnd('\n'), Does.Not.Contain('\n'), "said once");
    }

    [Test]
    public async Task Credentials_just_fetched_for_a_min_ttl_longer_than_they_last_are_used_again()
    {
        SeedToken(TimeSpan.FromHours(8));
        AssertCredentialJson(await Run("--profile", "demo-sso", "--min-ttl", "24h"));

        var again = await Run("--profile", "demo-sso", "--min-ttl", "24h");

        AssertCredentialJson(again);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1), "the second run used what the first fetched");
            Assert.That(again.Stderr, Is.Empty, "nothing fetched, nothing to warn about");
        });
    }
}
