using System.Text.Json.Nodes;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>`ssocred doctor`: where settings came from, cache states, the next step; never a secret.</summary>
internal sealed class DoctorCommandTests : EndToEndTest
{
    [Test]
    public async Task Healthy_setup_reports_sources_caches_and_exits_0()
    {
        SeedToken(TimeSpan.FromHours(2));
        AssertCredentialJson(await Run("--profile", "demo-sso"));

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain($"config file             {Home.ConfigPath}"));
            Assert.That(run.Stdout, Does.Contain("profile                 demo-sso (--profile)"));
            Assert.That(run.Stdout, Does.Contain($"sso_region              {Region} ([sso-session corp] in {Home.ConfigPath})"));
            Assert.That(run.Stdout, Does.Contain($"portal (SSO)            {Fake.BaseUrl} (AWS_ENDPOINT_URL_SSO)"));
            Assert.That(run.Stdout, Does.Match(@"role credentials\s+valid: until \S+Z"));
            Assert.That(run.Stdout, Does.Match(@"SSO token\s+valid: until"));
            Assert.That(run.Stdout, Does.Contain("print the cached role credentials"));
            Assert.That(run.Stdout, Does.Not.Contain("warning:").And.Not.Contain("error:"));
            AssertNoSecret(run.Stdout);
        });
    }

    [Test]
    public async Task Expired_token_that_can_refresh_says_so_and_exits_0()
    {
        SeedToken(TimeSpan.FromMinutes(-5));

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Match(@"SSO token\s+expired: until"));
        Assert.That(run.Stdout, Does.Contain("refresh the SSO token with its refresh token"));
        Assert.That(Fake.Calls("CreateToken") + Fake.Calls("GetRoleCredentials"), Is.Zero, "doctor only looks");
    }

    [Test]
    public async Task Expired_session_without_refresh_is_an_error_with_the_command_to_run()
    {
        SeedToken(TimeSpan.FromMinutes(-5), withRefreshToken: false);

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("error: a sign-in is needed").And.Contain("run: ssocred login --profile demo-sso"));
    }

    [Test]
    public async Task Corrupt_caches_are_named_as_such()
    {
        Directory.CreateDirectory(Home.TokenCacheFolder);
        File.WriteAllText(Home.TokenPath(CorpTokenKey), "{ not json");

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.Stdout, Does.Match(@"SSO token\s+unreadable or of the wrong shape"));
        Assert.That(run.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task Misconfiguration_is_an_error_naming_the_key()
    {
        Home.WriteConfig(StandardConfig.Replace("sso_role_name = AdministratorAccess", string.Empty, StringComparison.Ordinal)
            + "\n[profile mixed]\ncredential_process = ssocred\nsso_account_id = 111122223333\n");

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("error: profile 'demo-sso' in").And.Contain("has no sso_role_name"));
    }

    [Test]
    public async Task Mixed_profile_is_warned_about()
    {
        Home.WriteConfig(StandardConfig + "\n[profile mixed]\ncredential_process = ssocred --profile demo-sso\nsso_account_id = 111122223333\n");
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.Stdout, Does.Contain("warning: profile 'mixed' (another profile of the file) has credential_process and sso_* keys"));
        Assert.That(run.ExitCode, Is.Zero, "another profile's problem, labelled, does not fail this one");
    }

    [Test]
    public async Task The_named_profiles_mixed_layout_is_a_warning_and_exit_1_even_when_it_cannot_be_resolved()
    {
        // credential_process and sso_account_id but no role: the layout is the real problem, not only the missing role.
        Home.WriteConfig(StandardConfig + "\n[profile mixed]\ncredential_process = ssocred --profile demo-sso\nsso_account_id = 111122223333\n");

        var run = await Run("doctor", "--profile", "mixed");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("warning: profile 'mixed' has credential_process and sso_* keys"));
    }

    [Test]
    public async Task A_mixed_layout_named_by_AWS_PROFILE_is_the_diagnosed_profiles_own()
    {
        Home.WriteConfig(StandardConfig + "\n[profile mixed]\ncredential_process = ssocred --profile demo-sso\nsso_account_id = 111122223333\n");
        var environment = Environment();
        environment["AWS_PROFILE"] = "mixed";

        var run = await RunWith(environment, "doctor");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("warning: profile 'mixed' has credential_process and sso_* keys"), "not 'another profile of the file'");
    }

    [Test]
    public async Task Times_read_as_people_say_them_beside_the_utc_time()
    {
        SeedToken(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(43));

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.Stdout, Does.Match(@"SSO token\s+valid: until \S+Z \(in 7 h 4\d min\)"));
        Assert.That(run.Stdout, Does.Not.Contain(" min ago)").And.Not.Contain(" h left)"));
    }

    [Test]
    public async Task Unreachable_endpoint_is_a_warning()
    {
        SeedToken(TimeSpan.FromHours(2));
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSO"] = "http://127.0.0.1:9";

        var run = await RunWith(environment, "doctor", "--profile", "demo-sso");

        Assert.That(run.Stdout, Does.Contain("warning: cannot connect to http://127.0.0.1:9"));
    }

    [Test]
    public async Task World_writable_cache_folder_is_an_error_in_the_report()
    {
        SeedToken(TimeSpan.FromHours(2));
        Directory.CreateDirectory(Home.RoleCacheFolder);
        File.SetUnixFileMode(Home.RoleCacheFolder, (UnixFileMode)0b111_111_111);

        var run = await Run("doctor", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("configuration").And.Contain($"error: the cache folder {Home.RoleCacheFolder} is writable by every user"));
    }

    private void AssertNoSecret(string text)
    {
        foreach (var secret in Fake.IssuedSecrets)
        {
            Assert.That(text, Does.Not.Contain(secret));
        }

        var role = JsonNode.Parse(File.ReadAllText(Home.RolePath(CorpAdminRoleKey)))!["Credentials"]!;
        Assert.That(text, Does.Not.Contain(role["SecretAccessKey"]!.GetValue<string>()).And.Not.Contain(role["SessionToken"]!.GetValue<string>()));
        Assert.That(text, Does.Not.Contain(FakeIdentityCenter.FakeIdentityCenterServer.LeakMarker));
    }
}
