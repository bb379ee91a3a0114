using Ssocred.EndToEnd.SignIn;
using Ssocred.EndToEnd.Support;
using Ssocred.TestSupport;

namespace Ssocred.EndToEnd.Platforms;

/// <summary>
/// SPEC §10 on every build: with <c>ssocred_cache = keyring</c> the platform's own keyring holds
/// the session from sign-in to logout. On Linux (x64, and arm64 under qemu) that is a private
/// Secret Service; for the win-x64 file under Wine it is Credential Manager (Wine implements
/// CredWriteW, CredReadW and CredDeleteW, keeping the items in its prefix's registry).
/// </summary>
[Category(EveryBuildTests.Category)]
[NonParallelizable]
internal sealed class EveryBuildKeyringTests : SignInTest
{
    private PrivateSecretService? _secretService;

    [SetUp]
    public async Task StartKeyring()
    {
        if (!SsocredLauncher.IsWine)
        {
            if (!PrivateSecretService.IsInstalled)
            {
                throw MissingTool.Of("dbus-daemon or gnome-keyring-daemon (apt-get install dbus-daemon gnome-keyring libsecret-tools)");
            }

            _secretService = await PrivateSecretService.StartAsync(home: Home.Root);
        }

        Home.WriteConfig(StandardConfig + "\nssocred_cache = keyring\n");
    }

    [TearDown]
    public async Task StopKeyring()
    {
        if (_secretService is not null)
        {
            await _secretService.DisposeAsync();
        }
    }

    [Test]
    public async Task The_platforms_keyring_holds_the_session_from_sign_in_to_logout()
    {
        var environment = WithStandInOpener();
        foreach (var (name, value) in _secretService?.Environment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var signedIn = await RunWith(environment, "--profile", "demo-sso");
        var warm = await RunWith(environment, "--profile", "demo-sso");
        var refreshed = await RunWith(environment, "--profile", "demo-sso", "--force-refresh");
        var cacheFiles = Home.CacheFiles();
        var logout = await RunWith(environment, "logout", "--profile", "demo-sso");
        var afterLogout = await RunWith(environment, "--profile", "demo-sso", "--no-login");
        var signedInAgain = await RunWith(environment, "--profile", "demo-sso");
        var logoutAll = await RunWith(environment, "logout", "--all", "--cache", "keyring");
        var afterLogoutAll = await RunWith(environment, "--profile", "demo-sso", "--no-login");

        var key = AssertCredentialJson(signedIn)["AccessKeyId"]!.GetValue<string>();
        AssertCredentialJson(refreshed);
        AssertCredentialJson(signedInAgain);
        AssertFailure(afterLogout, 1, "ssocred login --profile demo-sso");
        AssertFailure(afterLogoutAll, 1, "ssocred login --profile demo-sso");
        Assert.Multiple(() =>
        {
            Assert.That(AssertCredentialJson(warm)["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(key), "the warm path read the keyring");
            Assert.That(warm.Stderr, Is.Empty);
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(2), "a sign-in before each logout, no more: the token and registration came back out of the keyring");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(3), "each sign-in's, and --force-refresh's with the kept token");
            Assert.That(cacheFiles, Is.Empty, "no token, registration or credential file");
            Assert.That(logout.ExitCode, Is.Zero, logout.ToString());
            Assert.That(logout.Stderr, Does.Contain("removed 3 keyring item(s)"), "the token, the registration and the role's credentials, found by key");
            Assert.That(logoutAll.ExitCode, Is.Zero, logoutAll.ToString());
            Assert.That(logoutAll.Stderr, Does.Contain("removed 3 keyring item(s)"), "the same three, found by listing the keyring");
            Assert.That(logout.Stdout + logoutAll.Stdout, Is.Empty);
            Assert.That(Fake.Calls("Logout"), Is.EqualTo(2), "each logout read the token out of the keyring");
        });
        Assert.That(Home.FilesHolding(Fake.IssuedSecrets), Is.Empty, "files under HOME holding a secret the fake issued");
    }
}
