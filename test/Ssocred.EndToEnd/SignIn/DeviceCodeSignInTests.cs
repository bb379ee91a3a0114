using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.SignIn;

/// <summary>SPEC §2: the device authorization sign-in.</summary>
internal sealed class DeviceCodeSignInTests : SignInTest
{
    // The legacy profile's registration file: the key with session_name and scopes null (computed with CPython).
    private const string LegacyRegistrationKey = "e9131ad8f4c1b0dd7e3e3f65ad0f17a6efd9a63a";

    [Test]
    public async Task Polling_waits_while_pending_and_slows_down_by_five_seconds_when_asked()
    {
        var logFile = LogFile();
        var running = RunWith(Environment(), "--profile", "demo-sso", "--use-device-code", "--no-browser", "-v", "--log-file", logFile);

        // First poll: not approved yet, so authorization_pending. Second: slow_down. Then approve.
        await WaitUntil(() => Fake.TokenCalls("device_code") >= 1, "the first poll was answered");
        Fake.InjectFault("CreateToken:device_code", FaultKind.SlowDown);
        await WaitUntil(() => Fake.TokenCalls("device_code") >= 2, "the slow_down was answered");
        var slowedAt = DateTimeOffset.UtcNow;
        Fake.ApproveAllPendingDevices();
        var run = await running;
        var nextPollAfter = DateTimeOffset.UtcNow - slowedAt;

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("device_code"), Is.EqualTo(3), "pending, slow_down, token");
            Assert.That(run.Stderr, Does.Contain("the device authorization is pending; next poll in 1 s"));
            Assert.That(run.Stderr, Does.Contain("asked to slow down; polling every 6 s"));
            Assert.That(nextPollAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5.5)), "interval 1 s + 5 s");
            Assert.That(Fake.Calls("Authorize"), Is.Zero);
        });
    }

    [Test]
    public async Task Polling_at_the_announced_interval_is_never_told_to_slow_down()
    {
        // The fake now holds every poll to the interval (RFC 8628): one that comes early is
        // answered slow_down and counted.
        Fake.SetEnforceSlowDown(true);
        var running = RunWith(Environment(), "--profile", "demo-sso", "--use-device-code", "--no-browser");
        await WaitUntil(() => Fake.TokenCalls("device_code") >= 3, "three polls were answered");
        Fake.ApproveAllPendingDevices();
        var run = await running;

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.SlowDowns, Is.Zero, "no poll came before the interval had passed");
            Assert.That(Fake.TokenCalls("device_code"), Is.GreaterThanOrEqualTo(4), "pending three times, then the token");
        });
    }

    [Test]
    public async Task No_browser_prints_the_url_and_code_on_stderr_only_and_opens_nothing()
    {
        var running = RunWith(WithFollowingBrowser(), "--profile", "demo-sso", "--use-device-code", "--no-browser");
        await WaitUntil(() => Fake.LastUserCode is not null, "a device authorization was started");
        var userCode = Fake.LastUserCode!;
        Fake.ApproveDevice(userCode);

        var run = await running;

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.Contain($"confirm the code {userCode}"));
            Assert.That(run.Stderr, Does.Contain($"{Fake.Endpoint}/device?user_code={userCode}"));
            Assert.That(run.Stdout, Does.Not.Contain(userCode).And.Not.Contain("/device"));
            Assert.That(File.Exists(BrowserLog), Is.False, "no browser was started");
        });
    }

    [Test]
    public async Task The_stand_in_browser_opens_the_verification_url_and_the_fake_approves_it()
    {
        var run = await RunWith(WithFollowingBrowser(), "--profile", "demo-sso", "--use-device-code");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(BrowserInvocations().Single().Single(), Is.EqualTo($"{Fake.Endpoint}/device?user_code={Fake.LastUserCode}"));
            Assert.That(Fake.Calls("VerifyDevice"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task When_no_browser_can_be_opened_the_url_is_shown_and_the_sign_in_still_finishes()
    {
        var running = RunWith(WithBrowser("/nonexistent/browser:false"), "--profile", "demo-sso", "--use-device-code");
        await WaitUntil(() => Fake.LastUserCode is not null, "a device authorization was started");
        Fake.ApproveDevice(Fake.LastUserCode!);

        var run = await running;

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.Contain("could not open a browser (tried /nonexistent/browser, false)"));
            Assert.That(run.Stderr, Does.Contain($"/device?user_code={Fake.LastUserCode}"));
        });
    }

    [Test]
    public async Task Without_a_display_or_browser_an_sso_session_signs_in_with_a_device_code()
    {
        var running = RunWith(Environment(), "--profile", "demo-sso", "--no-browser");
        await WaitUntil(() => Fake.LastUserCode is not null, "a device authorization was started");
        Fake.ApproveDevice(Fake.LastUserCode!);

        AssertCredentialJson(await running);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("StartDeviceAuthorization"), Is.EqualTo(1));
            Assert.That(Fake.Calls("Authorize"), Is.Zero);
        });
    }

    [Test]
    public async Task A_legacy_profile_signs_in_with_a_device_code_and_caches_as_the_aws_cli_does()
    {
        Home.WriteConfig(LegacyConfig);

        var run = await RunWith(WithFollowingBrowser(), "--profile", "legacy");

        AssertCredentialJson(run);
        var registration = Home.ReadJson(Home.TokenPath(LegacyRegistrationKey))!;
        var client = Fake.Clients.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("StartDeviceAuthorization"), Is.EqualTo(1), "BROWSER does not make a legacy profile use PKCE");
            Assert.That(Fake.Calls("Authorize"), Is.Zero);
            Assert.That(Home.ReadJson(Home.TokenPath(LegacyTokenKey))!["accessToken"], Is.Not.Null);
            Assert.That(registration.Select(p => p.Key), Is.EqualTo(new[] { "clientId", "clientSecret", "expiresAt" }), "the AWS CLI's device-code registration shape");
            Assert.That(client.GrantTypes, Is.Empty);
            Assert.That(client.RedirectUris, Is.Empty);
        });
    }
}

/// <summary>A device code that nobody confirms: the fake's codes live 3 s here.</summary>
internal sealed class DeviceCodeExpiryTests : SignInTest
{
    protected override FakeOptions FakeOptions() => new() { DeviceInterval = TimeSpan.FromSeconds(1), DeviceCodeLifetime = TimeSpan.FromSeconds(3) };

    [Test]
    public async Task A_device_code_nobody_confirms_ends_at_its_expiry()
    {
        var run = await RunWith(Environment(), "--profile", "demo-sso", "--use-device-code", "--no-browser");

        AssertFailure(run, 1, "the device code for 'corp' expired before the sign-in was confirmed", "run: ssocred login --profile demo-sso");
        Assert.That(Fake.TokenCalls("device_code"), Is.InRange(1, 3), "polled every second, and not after the expiry");
    }
}
