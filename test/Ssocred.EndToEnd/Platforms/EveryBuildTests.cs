using Ssocred.EndToEnd.SignIn;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Platforms;

/// <summary>
/// SPEC §9: what every release build must do on its own platform, written to run unchanged on
/// Linux, under qemu (linux-arm64) and under Wine (win-x64): `.ci/run` runs the tests of category
/// <see cref="Category"/> against each file (SSOCRED_EXE, SSOCRED_LAUNCHER). No BROWSER script is
/// used, since Windows cannot run one: the platform's own opener (xdg-open, or Windows' URL
/// handler, which Wine hands to xdg-open) finds a stand-in on PATH.
/// </summary>
[Category(Category)]
internal sealed class EveryBuildTests : SignInTest
{
    public const string Category = "EveryBuild";

    [Test]
    public async Task A_browser_sign_in_goes_through_the_platforms_own_opener()
    {
        var run = await RunWith(WithStandInOpener(), "--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1), "the opener followed the authorize URL");
            Assert.That(Fake.TokenCalls("authorization_code"), Is.EqualTo(1));
            Assert.That(Fake.Calls("StartDeviceAuthorization"), Is.Zero);
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(BrowserInvocations().Single().Single(), Does.StartWith($"{Fake.Endpoint}/authorize?"), "the URL arrived as one argument");
            Assert.That(Home.ReadJson(Home.TokenPath(CorpTokenKey))!["refreshToken"], Is.Not.Null);
        });
    }

    [Test]
    public async Task A_device_code_sign_in_goes_through_the_platforms_own_opener()
    {
        var run = await RunWith(WithStandInOpener(), "--profile", "demo-sso", "--use-device-code");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("StartDeviceAuthorization"), Is.EqualTo(1));
            Assert.That(Fake.TokenCalls("device_code"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Fake.Calls("Authorize"), Is.Zero);
            Assert.That(BrowserInvocations().Single().Single(), Does.Contain("/device?user_code="));
            Assert.That(run.Stderr, Does.Contain(Fake.LastUserCode!), "the person sees the code");
        });
    }

    [Test]
    public async Task The_files_it_writes_are_read_back_by_the_next_run_without_a_call()
    {
        SeedToken(TimeSpan.FromHours(4));

        var first = AssertCredentialJson(await Run("--profile", "demo-sso"));
        var second = await Run("--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(AssertCredentialJson(second)["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(first["AccessKeyId"]!.GetValue<string>()));
            Assert.That(second.Stderr, Is.Empty, "its own cache folder passes its own check");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(Directory.EnumerateFiles(Home.RoleCacheFolder, "*.tmp"), Is.Empty, "no temp file left");
        });
    }

    [Test]
    public async Task A_profile_whose_credential_process_names_ssocred_by_its_full_path_is_followed()
    {
        // Split as botocore splits credential_process on each platform: Windows' rules keep the
        // drive and the backslashes that a POSIX split would eat.
        var path = SsocredLauncher.IsWine ? @"C:\tools\ssocred.exe" : "/opt/ssocred/bin/ssocred";
        Home.WriteConfig(StandardConfig + $"\n[profile by-path]\ncredential_process = {path} --profile demo-sso\n");
        SeedToken(TimeSpan.FromHours(4));

        var run = await Run("--profile", "by-path");

        AssertCredentialJson(run);
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_missing_profile_is_one_clean_utf8_line_and_exit_1()
    {
        var run = await Run("--profile", "nowhere");

        // The em dash is the UTF-8 check: Windows' console encoding would send byte 0x97.
        AssertFailure(run, 1, "profile 'nowhere'", " — ");
        Assert.That(run.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_usage_error_is_exit_2_with_nothing_on_stdout()
    {
        var run = await Run("--no-such-option");

        AssertFailure(run, 2, "--no-such-option");
    }
}
