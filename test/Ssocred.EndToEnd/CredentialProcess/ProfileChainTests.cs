using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>
/// SPEC §7, any profile by name: a profile that only holds <c>credential_process = ssocred …</c>
/// stands for that line, for every command; loops and other programs are clear errors.
/// </summary>
internal sealed class ProfileChainTests : EndToEndTest
{
    private const string SsoProfile = $"""
        [profile demo-sso]
        sso_session = {SessionName}
        sso_account_id = {AccountId}
        sso_role_name = {RoleName}

        [sso-session {SessionName}]
        sso_start_url = {StartUrl}
        sso_region = {Region}
        """;

    [Test]
    public async Task Every_command_follows_a_profile_that_runs_ssocred_to_the_profile_it_names()
    {
        SeedToken(TimeSpan.FromHours(4));

        var process = await Run("--profile", "demo");
        var export = await Run("export", "--profile", "demo", "--format", "process");
        var login = await Run("login", "--profile", "demo");
        var list = await Run("list", "--profile", "demo", "--output", "json");
        var doctor = await Run("doctor", "--profile", "demo");
        var exec = await Run("exec", "--profile", "demo", "--", "printenv", "SSOCRED_PROFILE");
        var viaEnvironment = Environment();
        viaEnvironment["AWS_PROFILE"] = "demo";
        var byAwsProfile = await RunWith(viaEnvironment, "export");

        var json = AssertCredentialJson(process);
        Assert.Multiple(() =>
        {
            Assert.That(export.Stdout, Is.EqualTo(process.Stdout), "the same credentials");
            Assert.That(Fake.IssuedSecrets, Does.Contain(json["SecretAccessKey"]!.GetValue<string>()));
            Assert.That(login.ExitCode, Is.Zero, login.ToString());
            Assert.That(login.Stderr, Does.Contain("already signed in to 'corp'"));
            Assert.That(list.ExitCode, Is.Zero, list.ToString());
            Assert.That(doctor.Stdout, Does.Contain("profile 'demo' → 'demo-sso'"), doctor.ToString());
            Assert.That(exec.Stdout, Is.EqualTo("demo\n"), "SSOCRED_PROFILE is the name the person used");
            Assert.That(byAwsProfile.ExitCode, Is.Zero, byAwsProfile.ToString());
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1), "one role, one cache entry, whichever name reached it");
        });
    }

    [Test]
    public async Task Logout_follows_it_too()
    {
        SeedToken(TimeSpan.FromHours(4));

        var run = await Run("logout", "--profile", "demo");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(File.Exists(Home.TokenPath(CorpTokenKey)), Is.False);
        });
    }

    [TestCase("ssocred", TestName = "a bare name on PATH")]
    [TestCase("/usr/local/bin/ssocred", TestName = "an absolute path")]
    [TestCase("\"/opt/my tools/ssocred.exe\"", TestName = "a quoted path with a space, ssocred.exe")]
    public async Task The_one_line_form_and_any_path_to_ssocred_are_followed(string program)
    {
        Home.WriteConfig($"""
            [profile oneline]
            credential_process = {program} --sso-session {SessionName} --account-id {AccountId} --role-name {RoleName} --no-login

            {SsoProfile}
            """);
        SeedToken(TimeSpan.FromHours(4));

        var run = await Run("export", "--profile", "oneline", "--format", "process");

        AssertCredentialJson(run);
    }

    [Test]
    public async Task Options_on_our_own_command_line_win_over_the_lines()
    {
        SeedToken(TimeSpan.FromHours(4));
        var log = LogFile();

        var run = await Run("export", "--profile", "demo", "--role-name", "ReadOnly", "--format", "process", "-v", "--log-file", log);

        Assert.Multiple(() =>
        {
            AssertCredentialJson(run);
            Assert.That(File.ReadAllText(log), Does.Contain("GetRoleCredentials for role ReadOnly in account 111122223333"));
        });
    }

    [TestCase("a", "b", "profile 'a' → 'b' → 'a'", TestName = "a → b → a")]
    [TestCase("a", "a", "profile 'a' → 'a'", TestName = "a → a")]
    public async Task A_loop_is_exit_1_naming_the_chain(string first, string second, string chain)
    {
        Home.WriteConfig($"""
            [profile a]
            credential_process = ssocred --profile {second}

            [profile b]
            credential_process = ssocred --profile {first}
            """);

        var process = await Run("--profile", "a");
        var export = await Run("export", "--profile", "a");
        var login = await Run("login", "--profile", "a");

        foreach (var run in new[] { process, export, login })
        {
            AssertFailure(run, 1, chain, "loop");
        }
    }

    [TestCase("aws configure export-credentials --profile other --format process", "aws")]
    [TestCase("/usr/local/bin/aws-vault export --format=json other", "/usr/local/bin/aws-vault")]
    [TestCase("python3 /home/me/ssocred.py", "python3")]
    public async Task A_profile_whose_credential_process_runs_another_program_is_exit_1(string line, string program)
    {
        Home.WriteConfig($"""
            [profile elsewhere]
            credential_process = {line}

            {SsoProfile}
            """);

        var process = await Run("--profile", "elsewhere");
        var exec = await Run("exec", "--profile", "elsewhere", "--", "true");

        foreach (var run in new[] { process, exec })
        {
            AssertFailure(run, 1, "profile 'elsewhere' gets its credentials from another program", $"({program})", "ssocred cannot read them");
        }
    }

    [Test]
    public async Task A_line_ssocred_cannot_read_is_exit_1_naming_the_profile()
    {
        Home.WriteConfig($"""
            [profile odd]
            credential_process = ssocred --profile demo-sso --no-such-option

            {SsoProfile}
            """);

        var run = await Run("export", "--profile", "odd");

        AssertFailure(run, 1, "credential_process of profile 'odd'", "--no-such-option");
    }

    [Test]
    public async Task Export_adds_the_region_of_the_named_profile_in_the_formats_syntax()
    {
        Home.WriteConfig(StandardConfig.Replace("credential_process = ssocred --profile demo-sso", "credential_process = ssocred --profile demo-sso\nregion = eu-west-3", StringComparison.Ordinal));
        SeedRoleCredentials(TimeSpan.FromHours(1));

        var env = await Run("export", "--profile", "demo");
        var fish = await Run("export", "--profile", "demo", "--format", "fish");
        var process = await Run("export", "--profile", "demo", "--format", "process");
        var withoutRegion = await Run("export", "--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(env.Stdout, Does.EndWith("export AWS_REGION=eu-west-3\nexport AWS_DEFAULT_REGION=eu-west-3\n"), env.ToString());
            Assert.That(fish.Stdout, Does.EndWith("set -gx AWS_REGION \"eu-west-3\"\nset -gx AWS_DEFAULT_REGION \"eu-west-3\"\n"));
            Assert.That(process.Stdout, Does.Not.Contain("eu-west-3"));
            Assert.That(withoutRegion.Stdout, Does.Not.Contain("AWS_REGION"));
        });
    }

    [Test]
    public async Task A_region_that_is_not_a_region_name_never_reaches_a_shell()
    {
        Home.WriteConfig(StandardConfig.Replace("sso_role_name = AdministratorAccess", "sso_role_name = AdministratorAccess\nregion = eu-west-1;touch /tmp/owned", StringComparison.Ordinal));
        SeedRoleCredentials(TimeSpan.FromHours(1));

        var run = await Run("export", "--profile", "demo-sso");

        AssertFailure(run, 1, "region 'eu-west-1;touch /tmp/owned' of profile 'demo-sso' is not an AWS region name");
    }
}
