using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.SignIn;

/// <summary>SPEC §4: <c>ssocred login</c> — nothing, a refresh, or a sign-in; never anything on stdout.</summary>
internal sealed class LoginCommandTests : SignInTest
{
    [Test]
    public async Task From_empty_caches_login_signs_in_and_says_until_when()
    {
        var run = await RunWith(WithFollowingBrowser(), "login", "--profile", "demo-sso");

        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(run.Stderr, Does.Contain($"signed in to 'corp' until {token["expiresAt"]!.GetValue<string>()}"));
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero, "login fetches no role credentials");
        });
    }

    [Test]
    public async Task With_a_valid_token_login_does_nothing_and_says_so()
    {
        SeedToken(TimeSpan.FromHours(4));
        Fake.ResetCounters();

        var run = await RunWith(WithFollowingBrowser(), "login", "--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(run.Stderr, Does.StartWith("ssocred: already signed in to 'corp' until ").And.Contain("nothing to do"));
            Assert.That(Fake.Calls("CreateToken") + Fake.Calls("RegisterClient") + Fake.Calls("Authorize"), Is.Zero);
            Assert.That(File.Exists(BrowserLog), Is.False);
        });
    }

    [Test]
    public async Task With_an_expired_token_and_a_refresh_token_login_refreshes_without_a_browser()
    {
        SeedToken(TimeSpan.FromMinutes(-5));

        var run = await RunWith(WithFollowingBrowser(), "login", "--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(run.Stderr, Does.Contain("signed in to 'corp' until"));
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(Fake.Calls("Authorize"), Is.Zero);
            Assert.That(File.Exists(BrowserLog), Is.False, "no browser");
        });
    }

    [Test]
    public async Task Force_signs_in_anew_and_reuses_the_cached_client_registration()
    {
        var first = await RunWith(WithFollowingBrowser(), "login", "--profile", "demo-sso");
        var firstToken = Home.ReadJson(Home.TokenPath(CorpTokenKey))!["accessToken"]!.GetValue<string>();

        var forced = await RunWith(WithFollowingBrowser(), "login", "--profile", "demo-sso", "--force");

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(forced.ExitCode, Is.Zero, forced.ToString());
            Assert.That(forced.Stdout, Is.Empty);
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(2), "signed in twice");
            Assert.That(Fake.Calls("RegisterClient"), Is.EqualTo(1), "the registration was reused");
            Assert.That(Home.ReadJson(Home.TokenPath(CorpTokenKey))!["accessToken"]!.GetValue<string>(), Is.Not.EqualTo(firstToken));
        });
    }

    [Test]
    public async Task A_registration_left_by_a_device_code_sign_in_is_replaced_for_pkce_as_the_aws_cli_does()
    {
        var device = RunWith(Environment(), "login", "--sso-session", "corp", "--use-device-code", "--no-browser");
        await WaitUntil(() => Fake.LastUserCode is not null, "a device authorization was started");
        Fake.ApproveDevice(Fake.LastUserCode!);
        Assert.That((await device).ExitCode, Is.Zero);

        var pkce = await RunWith(WithFollowingBrowser(), "login", "--sso-session", "corp", "--force");

        var registration = Home.ReadJson(Home.TokenPath(CorpRegistrationKey))!;
        Assert.Multiple(() =>
        {
            Assert.That(pkce.ExitCode, Is.Zero, pkce.ToString());
            Assert.That(Fake.Calls("RegisterClient"), Is.EqualTo(2));
            Assert.That(registration["grantTypes"]!.AsArray().Select(g => g!.GetValue<string>()), Does.Contain("authorization_code"));
        });
    }

    [Test]
    public async Task Ssocred_no_login_does_not_stop_an_explicit_login()
    {
        var environment = WithFollowingBrowser();
        environment["SSOCRED_NO_LOGIN"] = "1";

        var run = await RunWith(environment, "login", "--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1));
        });
    }
}
