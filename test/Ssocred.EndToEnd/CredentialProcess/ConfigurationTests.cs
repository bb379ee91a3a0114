using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>SPEC §1: where settings come from, and what a person is told when they are wrong.</summary>
internal sealed class ConfigurationTests : EndToEndTest
{
    [Test]
    public async Task Profile_comes_from_AWS_PROFILE_when_no_flag_names_one()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var environment = Environment();
        environment["AWS_PROFILE"] = "demo-sso";

        AssertCredentialJson(await RunWith(environment));
    }

    [Test]
    public async Task Default_profile_is_used_when_nothing_names_one()
    {
        Home.WriteConfig($"""
            [default]
            sso_session = corp
            sso_account_id = {AccountId}
            sso_role_name = {RoleName}
            [sso-session corp]
            sso_start_url = {StartUrl}
            sso_region = {Region}
            """);
        SeedRoleCredentials(TimeSpan.FromHours(1));

        AssertCredentialJson(await Run());
    }

    [Test]
    public async Task One_line_form_needs_no_profile_at_all()
    {
        Home.WriteConfig($"""
            [profile demo]
            credential_process = ssocred --sso-session corp --account-id {AccountId} --role-name {RoleName}
            [sso-session corp]
            sso_start_url = {StartUrl}
            sso_region = {Region}
            """);
        SeedToken(TimeSpan.FromHours(2));
        var environment = Environment();
        environment["AWS_PROFILE"] = "demo"; // as an SDK running this profile's process leaves it

        AssertCredentialJson(await RunWith(environment, "--sso-session", "corp", "--account-id", AccountId, "--role-name", RoleName));
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
    }

    [Test]
    public async Task Flags_alone_work_without_any_config_file()
    {
        File.Delete(Home.ConfigPath);
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("--sso-session", "corp", "--start-url", StartUrl, "--sso-region", Region, "--account-id", AccountId, "--role-name", RoleName);

        AssertCredentialJson(run);
    }

    [Test]
    public async Task Legacy_profile_uses_the_start_url_for_its_caches()
    {
        Home.WriteConfig(LegacyConfig);
        SeedToken(TimeSpan.FromHours(2), withRefreshToken: false, key: LegacyTokenKey);

        AssertCredentialJson(await Run("--profile", "legacy"));

        Assert.That(File.Exists(Home.RolePath("2e3d86c5c057c06fee985dd4f417a569ab05072c")), Is.True, "botocore's legacy role key");
    }

    [Test]
    public async Task Legacy_profile_never_refreshes()
    {
        Home.WriteConfig(LegacyConfig);
        SeedToken(TimeSpan.FromMinutes(-1), withRefreshToken: true, key: LegacyTokenKey);

        var run = await Run("--profile", "legacy", "--no-login");

        AssertFailure(run, 1, $"no valid SSO session for '{StartUrl}'", "run: ssocred login --profile legacy");
        Assert.That(Fake.Calls("CreateToken"), Is.Zero);
    }

    [Test]
    public async Task Unknown_profile_names_the_profile_and_file()
    {
        var run = await Run("--profile", "nope");

        AssertFailure(run, 1, "profile 'nope'", Home.ConfigPath);
    }

    [TestCase("sso_account_id", "--account-id")]
    [TestCase("sso_role_name", "--role-name")]
    public async Task Missing_key_names_the_key_profile_and_file(string key, string flag)
    {
        Home.WriteConfig(string.Join('\n', StandardConfig.Split('\n').Where(line => !line.StartsWith(key, StringComparison.Ordinal))));

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, $"profile 'demo-sso' in {Home.ConfigPath} has no {key}", flag);
    }

    [Test]
    public async Task Missing_key_of_the_session_names_the_section()
    {
        Home.WriteConfig(StandardConfig.Replace($"sso_region = {Region}", string.Empty, StringComparison.Ordinal));

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, $"[sso-session corp] in {Home.ConfigPath} has no sso_region");
    }

    [Test]
    public async Task Missing_sso_session_section_is_named()
    {
        Home.WriteConfig(StandardConfig.Replace("sso_session = corp", "sso_session = elsewhere", StringComparison.Ordinal));

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, "no [sso-session elsewhere] section", Home.ConfigPath);
    }

    [TestCase("[profile demo-sso]\nsso_session = corp\n[profile demo-sso]\nsso_region = x\n", "appears twice")]
    [TestCase("sso_session = corp\n[profile demo-sso]\n", "before any [section]")]
    [TestCase("[profile demo-sso]\nsso_session = corp\nsso_session = other\n", "key 'sso_session' appears twice")]
    [TestCase("[profile demo-sso]\nthis line is junk\n", "neither a [section]")]
    public async Task Malformed_file_names_the_file_and_problem(string config, string problem)
    {
        Home.WriteConfig(config);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, Home.ConfigPath, problem);
    }

    [Test]
    public async Task Region_that_is_not_a_region_name_is_refused()
    {
        Home.WriteConfig(StandardConfig.Replace($"sso_region = {Region}", "sso_region = evil.example.com/", StringComparison.Ordinal));

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, "sso_region 'evil.example.com/'", "not an AWS region name");
    }

    [Test]
    public async Task Config_path_that_is_a_folder_is_named()
    {
        var environment = Environment();
        environment["AWS_CONFIG_FILE"] = Home.AwsFolder;

        var run = await RunWith(environment, "--profile", "demo-sso");

        AssertFailure(run, 1, Home.AwsFolder, "is a folder");
    }

    [Test]
    public async Task A_file_botocore_reads_but_the_dotnet_sdk_would_reject_works_on_every_path()
    {
        // AWSSDK.Core's own parser throws on these (a continuation line, a [default] region with a
        // trailing note); ssocred must never let the SDK read the file behind its back.
        Home.WriteConfig(StandardConfig + "\n[default]\nregion = eu-west-1 ; note\n[profile notes]\ndescription = first\n  second line\n");
        SeedToken(TimeSpan.FromMinutes(-1));

        AssertCredentialJson(await Run("--profile", "demo-sso"));
        Assert.That((await Run("list", "--profile", "demo-sso")).ExitCode, Is.Zero);
        Assert.That((await Run("logout", "--profile", "demo-sso")).ExitCode, Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(Fake.Calls("ListAccounts"), Is.EqualTo(2), "list, and logout finding the role files");
            Assert.That(Fake.Calls("Logout"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Byte_order_mark_and_crlf_are_accepted()
    {
        Home.WriteConfig("\uFEFF" + StandardConfig.ReplaceLineEndings("\r\n"));
        SeedRoleCredentials(TimeSpan.FromHours(1));

        AssertCredentialJson(await Run("--profile", "demo-sso"));
    }

    [TestCase("--bogus")]
    [TestCase("--min-ttl", "soon")]
    [TestCase("--profile")]
    [TestCase("frobnicate")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var run = await Run(args);

        AssertFailure(run, 2, "see 'ssocred --help'");
    }

    [Test]
    public async Task Help_and_version_go_to_stdout()
    {
        var help = await Run("--help");
        var version = await Run("--version");

        Assert.Multiple(() =>
        {
            Assert.That(help.ExitCode, Is.Zero);
            Assert.That(help.Stdout, Does.Contain("ssocred COMMAND [options]").And.Contain("credential_process = ssocred --profile"));
            Assert.That(help.Stdout, Does.Contain("login").And.Contain("logout").And.Contain("doctor").And.Contain("--min-ttl DURATION"));
            Assert.That(help.Stdout, Does.Contain("\nEXAMPLES\n").And.Contain("\nENVIRONMENT\n"));
            Assert.That(version.Stdout, Does.Match(@"^ssocred \d+\.\d+\.\d+ \(([0-9a-f]{7,}|unknown), \d{4}-\d{2}-\d{2}, linux-x64\)\n$"));
            Assert.That(help.Stderr + version.Stderr, Is.Empty);
        });
    }
}
