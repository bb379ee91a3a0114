using FakeIdentityCenter;
using Ssocred.EndToEnd.SignIn;
using Ssocred.TestSupport;

namespace Ssocred.EndToEnd.Keyring;

/// <summary>
/// SPEC §10 end to end: a session with <c>ssocred_cache = keyring</c> keeps its token, client
/// registration and role credentials in a Secret Service (a gnome-keyring-daemon on a private bus,
/// its keyring files under the test's HOME), with the sign-in, warm path, refresh, single flight
/// and logout of any other session, and not one secret in any file.
/// </summary>
[NonParallelizable]
internal sealed class KeyringCacheTests : SignInTest
{
    private const string KeyringConfig = StandardConfig + "\nssocred_cache = keyring\n";

    private PrivateSecretService _keyring = null!;

    /// <summary>Tokens that live less than the 15-minute margin: the next fetch refreshes them.</summary>
    protected override FakeOptions FakeOptions()
    {
        var options = base.FakeOptions();
        options.TokenLifetime = TimeSpan.FromMinutes(10);
        return options;
    }

    [SetUp]
    public async Task StartKeyring()
    {
        if (!PrivateSecretService.IsInstalled)
        {
            throw MissingTool.Of("dbus-daemon or gnome-keyring-daemon (apt-get install dbus-daemon gnome-keyring libsecret-tools)");
        }

        _keyring = await PrivateSecretService.StartAsync(home: Home.Root);
        Home.WriteConfig(KeyringConfig);
    }

    [TearDown]
    public async Task StopKeyring()
    {
        if (_keyring is not null)
        {
            await _keyring.DisposeAsync();
        }
    }

    [Test]
    public async Task A_sign_in_keeps_every_secret_in_the_keyring_and_the_warm_path_reads_it_back()
    {
        var first = await RunWith(KeyringEnvironment(), "--profile", "demo-sso");
        var second = await RunWith(KeyringEnvironment(), "--profile", "demo-sso");

        var key = AssertCredentialJson(first)["AccessKeyId"]!.GetValue<string>();
        Assert.Multiple(async () =>
        {
            Assert.That(AssertCredentialJson(second)["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(key), "the warm path reads the keyring");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1));
            Assert.That(Home.CacheFiles(), Is.Empty, "no token, registration or credential file");
            Assert.That(await Labels(), Is.EquivalentTo(new[]
            {
                "ssocred: SSO token for corp",
                "ssocred: client registration for corp",
                "ssocred: AdministratorAccess in 111122223333",
            }));
            Assert.That(await _keyring.ItemsAsync(("service", "ssocred"), ("kind", "role-credentials"), ("key", CorpAdminRoleKey)), Has.Length.EqualTo(1));
            Assert.That(await _keyring.ItemsAsync(("service", "ssocred"), ("kind", "sso-token"), ("key", CorpTokenKey)), Has.Length.EqualTo(1));
            Assert.That(await _keyring.ItemsAsync(("service", "ssocred"), ("kind", "client-registration"), ("key", CorpRegistrationKey)), Has.Length.EqualTo(1));
        });
        AssertNoFileHoldsASecret();
    }

    [Test]
    public async Task A_token_inside_the_margin_is_refreshed_from_the_keyring_and_written_back()
    {
        AssertCredentialJson(await RunWith(KeyringEnvironment(), "--profile", "demo-sso"));

        var refreshed = await RunWith(KeyringEnvironment(), "--profile", "demo-sso", "--force-refresh");

        AssertCredentialJson(refreshed);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1), "the refresh token came out of the keyring");
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1), "no second sign-in");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(2));
            Assert.That(Home.CacheFiles(), Is.Empty);
        });
        AssertNoFileHoldsASecret();
    }

    [Test]
    public async Task Twenty_processes_at_once_still_register_sign_in_and_fetch_once()
    {
        var environment = KeyringEnvironment();

        var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RunWith(environment, "--profile", "demo-sso"))));

        var keys = runs.Select(run => AssertCredentialJson(run)["AccessKeyId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(Fake.Calls("RegisterClient"), Is.EqualTo(1));
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1), "one browser sign-in");
            Assert.That(Fake.TokenCalls("authorization_code"), Is.EqualTo(1));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(keys, Has.Count.EqualTo(1));
            Assert.That(await _keyring.ItemsAsync(("service", "ssocred")), Has.Length.EqualTo(3), "one item of each kind");
            Assert.That(Home.CacheFiles(), Is.Empty);
        });
        AssertNoFileHoldsASecret();
    }

    [Test]
    public async Task Logout_removes_the_items_it_stored()
    {
        AssertCredentialJson(await RunWith(KeyringEnvironment(), "--profile", "demo-sso"));

        var logout = await RunWith(KeyringEnvironment(), "logout", "--profile", "demo-sso");

        Assert.Multiple(async () =>
        {
            Assert.That(logout.ExitCode, Is.Zero, logout.ToString());
            Assert.That(logout.Stdout, Is.Empty);
            Assert.That(logout.Stderr, Does.Contain("signed out of 'corp': removed 3 keyring item(s)"), "the token, the registration and the role's credentials");
            Assert.That(await _keyring.ItemsAsync(("service", "ssocred")), Is.Empty);
            Assert.That(Fake.Calls("Logout"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Logout_all_with_the_keyring_chosen_removes_its_items_and_the_files_and_counts_each()
    {
        AssertCredentialJson(await RunWith(KeyringEnvironment(), "--profile", "demo-sso"));
        AssertCredentialJson(await RunWith(KeyringEnvironment(), "--profile", "demo-sso", "--cache", "file"));

        var logout = await RunWith(KeyringEnvironment(), "logout", "--all", "--cache", "keyring");

        Assert.Multiple(async () =>
        {
            Assert.That(logout.ExitCode, Is.Zero, logout.ToString());
            Assert.That(logout.Stderr, Does.Contain("signed out of every SSO session: removed 3 cached file(s) and 3 keyring item(s)"));
            Assert.That(await _keyring.ItemsAsync(("service", "ssocred")), Is.Empty);
            Assert.That(Home.CacheFiles(), Is.Empty);
            Assert.That(Fake.Calls("Logout"), Is.EqualTo(2), "each store's token signed out");
        });
    }

    [Test]
    public async Task The_flag_and_the_variable_choose_the_keyring_and_the_flag_wins_over_the_config()
    {
        Home.WriteConfig(StandardConfig);
        var byFlag = await RunWith(KeyringEnvironment(), "--profile", "demo-sso", "--cache", "keyring");
        var variable = KeyringEnvironment();
        variable["SSOCRED_CACHE"] = "keyring";
        var byVariable = await RunWith(variable, "--profile", "demo-sso");
        Assert.That(Home.CacheFiles(), Is.Empty);

        Home.WriteConfig(KeyringConfig);
        var toFiles = await RunWith(KeyringEnvironment(), "--profile", "demo-sso", "--cache", "file");

        Assert.Multiple(() =>
        {
            AssertCredentialJson(byFlag);
            AssertCredentialJson(byVariable);
            AssertCredentialJson(toFiles);
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(2), "the file cache had no token yet: it signed in once more");
            Assert.That(File.Exists(Home.RolePath(CorpAdminRoleKey)), Is.True, "--cache file wrote the file");
        });
    }

    [Test]
    public async Task No_Secret_Service_on_the_bus_is_exit_1_and_never_a_fall_back_to_files()
    {
        await _keyring.StopKeyringAsync();

        var run = await RunWith(KeyringEnvironment(), "--profile", "demo-sso");

        AssertFailure(run, 1, "the keyring (Secret Service) cannot be reached", "no Secret Service (org.freedesktop.secrets)");
        Assert.Multiple(() =>
        {
            Assert.That(Home.CacheFiles(), Is.Empty, "nothing written to the files instead");
            Assert.That(Fake.Calls("Authorize"), Is.Zero, "no sign-in whose token would have nowhere to go");
        });
    }

    [Test]
    public async Task No_session_bus_at_all_is_exit_1()
    {
        var environment = Environment();
        environment["BROWSER"] = Quote(BrowserScript("follow"));

        var run = await RunWith(environment, "--profile", "demo-sso");

        AssertFailure(run, 1, "the keyring (Secret Service) cannot be reached: there is no D-Bus session bus");
        Assert.That(Home.CacheFiles(), Is.Empty);
    }

    [Test]
    public async Task A_locked_keyring_whose_prompt_is_dismissed_is_exit_1()
    {
        AssertCredentialJson(await RunWith(KeyringEnvironment(), "--profile", "demo-sso"));
        await _keyring.RestartLockedAsync();

        var run = await RunWith(KeyringEnvironment(), "--profile", "demo-sso");

        AssertFailure(run, 1, "the keyring (Secret Service) is locked", "dismissed");
        Assert.That(Home.CacheFiles(), Is.Empty);
    }

    [Test]
    public async Task A_cache_choice_that_is_neither_file_nor_keyring_is_refused()
    {
        var flag = await RunWith(KeyringEnvironment(), "--profile", "demo-sso", "--cache", "vault");
        Home.WriteConfig(StandardConfig + "\nssocred_cache = vault\n");
        var config = await RunWith(KeyringEnvironment(), "--profile", "demo-sso");

        AssertFailure(flag, 2, "--cache takes file or keyring, not 'vault'");
        AssertFailure(config, 1, "ssocred_cache 'vault' ([sso-session corp] in", "is neither 'file' nor 'keyring'");
    }

    [Test]
    public async Task Doctor_names_the_store_says_the_keyring_answers_and_that_the_AWS_CLI_cannot_share_it()
    {
        AssertCredentialJson(await RunWith(KeyringEnvironment(), "--profile", "demo-sso"));

        var keyring = await RunWith(KeyringEnvironment(), "doctor", "--profile", "demo-sso");
        var file = await RunWith(KeyringEnvironment(), "doctor", "--profile", "demo-sso", "--cache", "file");
        await _keyring.StopKeyringAsync();
        var absent = await RunWith(KeyringEnvironment(), "doctor", "--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(keyring.ExitCode, Is.Zero, keyring.ToString());
            Assert.That(keyring.Stdout, Does.Contain($"store                   keyring: Secret Service ([sso-session corp] in {Home.ConfigPath})"));
            Assert.That(keyring.Stdout, Does.Contain("keyring                 answers; its default collection is unlocked"));
            Assert.That(keyring.Stdout, Does.Contain("cannot share this session: 'aws sso login'"));
            Assert.That(keyring.Stdout, Does.Match(@"role credentials\s+valid: until \S+Z \(.*\) \(the Secret Service item ssocred/role-credentials/" + CorpAdminRoleKey + @"\)"));
            Assert.That(file.Stdout, Does.Contain("store                   file, shared with the AWS CLI (--cache)"));
            Assert.That(file.Stdout, Does.Not.Contain("Secret Service"));
            Assert.That(absent.ExitCode, Is.EqualTo(1), absent.ToString());
            Assert.That(absent.Stdout, Does.Contain("error: the keyring (Secret Service) cannot be reached: no Secret Service (org.freedesktop.secrets)"));
        });
    }

    /// <summary>The usual environment with the following browser and the private bus.</summary>
    private Dictionary<string, string> KeyringEnvironment()
    {
        var environment = WithFollowingBrowser();
        foreach (var (name, value) in _keyring.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private async Task<string[]> Labels()
    {
        var (exitCode, stdout, stderr) = await _keyring.SecretToolAsync("search", "--all", "service", "ssocred");
        Assert.That(exitCode, Is.Zero, stderr);
        return stdout.Split('\n').Where(line => line.StartsWith("label = ", StringComparison.Ordinal)).Select(line => line["label = ".Length..]).ToArray();
    }

    /// <summary>Every secret the fake issued, looked for in every file under HOME (the keyring's own files included).</summary>
    private void AssertNoFileHoldsASecret()
    {
        var files = Directory.GetFiles(Home.Root, "*", SearchOption.AllDirectories);
        Assert.That(files, Has.Some.Contains(Path.Combine(".local", "share", "keyrings")), "the keyring's own files are under HOME, and scanned");
        Assert.That(Home.FilesHolding(Fake.IssuedSecrets), Is.Empty, "files holding a secret the fake issued");
        TestContext.Out.WriteLine($"scanned {files.Length} files under HOME for {Fake.IssuedSecrets.Count} secrets");
    }
}
