using System.Text.Json.Nodes;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>`ssocred configure populate`: profiles for every account and role, nothing else touched.</summary>
internal sealed class ConfigurePopulateTests : EndToEndTest
{
    private static readonly string PersonsConfig = "# my AWS config\n" + StandardConfig + "\n\n[default]\nregion   =\teu-west-1  ; not a comment\n\n; keep me\n[profile odd]\n  sso_start_url=https://x/start\n";

    [Test]
    public async Task Writes_a_profile_per_role_and_leaves_every_other_byte_alone()
    {
        Home.WriteConfig(PersonsConfig);
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("configure", "populate", "--sso-session", "corp", "--region", "us-east-1");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var after = File.ReadAllText(Home.ConfigPath);
        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(after, Does.StartWith(PersonsConfig), "the person's text, byte for byte");
            Assert.That(after, Does.Contain($"[profile Demo-AdministratorAccess]\ncredential_process = {SsocredExecutable.Path} --sso-session corp --account-id 111122223333 --role-name AdministratorAccess\nregion = us-east-1\n"));
            Assert.That(ProfileHeaders(after), Is.EqualTo(new[] { "demo", "demo-sso", "default", "odd", "Demo-AdministratorAccess", "Demo-ReadOnly", "Production-PowerUserAccess", "Production-ReadOnly", "Sandbox-ReadOnly" }));
            Assert.That(Directory.EnumerateFiles(Home.AwsFolder, "config.ssocred-backup-*").Select(File.ReadAllText), Is.EqualTo(new[] { PersonsConfig }), "backed up first");
        });
    }

    [Test]
    public async Task Running_twice_changes_nothing_the_second_time()
    {
        Home.WriteConfig(PersonsConfig);
        SeedToken(TimeSpan.FromHours(2));

        await Run("configure", "populate", "--sso-session", "corp");
        var once = File.ReadAllText(Home.ConfigPath);
        var second = await Run("configure", "populate", "--sso-session", "corp");

        Assert.Multiple(() =>
        {
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(File.ReadAllText(Home.ConfigPath), Is.EqualTo(once));
            Assert.That(second.Stderr, Does.Contain("already has all 5 profile(s)"));
        });
    }

    [Test]
    public async Task Dry_run_prints_the_diff_and_writes_nothing()
    {
        Home.WriteConfig(PersonsConfig);
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("configure", "populate", "--sso-session", "corp", "--dry-run");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(File.ReadAllText(Home.ConfigPath), Is.EqualTo(PersonsConfig));
            Assert.That(run.Stdout, Does.StartWith($"--- {Home.ConfigPath}\n+++ {Home.ConfigPath}\n@@ "));
            Assert.That(run.Stdout, Does.Contain("\n+[profile Sandbox-ReadOnly]\n"));
            Assert.That(run.Stdout.Split('\n').Where(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)), Is.Empty, "nothing removed");
        });
    }

    [Test]
    public async Task Botocore_gets_credentials_through_a_populated_profile()
    {
        SeedToken(TimeSpan.FromHours(2));
        await Run("configure", "populate", "--sso-session", "corp");

        var botocore = PythonScript.Run(
            "import boto3, json; c = boto3.Session(profile_name='Sandbox-ReadOnly').get_credentials().get_frozen_credentials(); print(json.dumps({'key': c.access_key}))",
            Environment());

        var cached = Directory.EnumerateFiles(Home.RoleCacheFolder, "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!["Credentials"]!["AccessKeyId"]!.GetValue<string>());
        Assert.That(cached, Does.Contain(botocore["key"]!.GetValue<string>()), "the key botocore used is the one ssocred fetched and cached");
    }

    [Test]
    public async Task A_profile_the_person_wrote_is_never_overwritten()
    {
        Home.WriteConfig(StandardConfig + "\n[profile Sandbox-ReadOnly]\nregion = mine\n");
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("configure", "populate", "--sso-session", "corp");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(File.ReadAllText(Home.ConfigPath), Does.Contain("[profile Sandbox-ReadOnly]\nregion = mine\n"));
        Assert.That(run.Stderr, Does.Contain("[profile Sandbox-ReadOnly] already exists and was not written by ssocred"));
    }

    [Test]
    public async Task Session_is_required()
    {
        AssertFailure(await Run("configure", "populate"), 2, "--sso-session");
    }

    [TestCase("{account_name}-{foo}", "unknown placeholder '{foo}'")]
    [TestCase("{account_name}", "gives 2 roles the name 'Demo-111122223333' (AdministratorAccess in 111122223333 and ReadOnly in 111122223333); nothing was written")]
    [TestCase("{account_id}", "gives 2 roles the name '")]
    [TestCase("{session}", "roles the name 'corp")]
    [TestCase("{account_name", "a brace that opens or closes no placeholder")]
    public async Task A_bad_template_is_exit_2_naming_it_and_the_file_stays_untouched(string template, string problem)
    {
        Home.WriteConfig(PersonsConfig);
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("configure", "populate", "--sso-session", "corp", "--profile-name-template", template);

        AssertFailure(run, 2, problem);
        Assert.That(File.ReadAllText(Home.ConfigPath), Is.EqualTo(PersonsConfig));
        Assert.That(Directory.EnumerateFiles(Home.AwsFolder, "config.ssocred-backup-*"), Is.Empty, "not even a backup");
    }

    [Test]
    public async Task A_second_run_keeps_the_keys_a_person_added_to_populated_profiles()
    {
        SeedToken(TimeSpan.FromHours(2));
        await Run("configure", "populate", "--sso-session", "corp", "--region", "us-east-1");
        var edited = File.ReadAllText(Home.ConfigPath).Replace(
            "--role-name AdministratorAccess\nregion = us-east-1\n", "--role-name AdministratorAccess\nregion = eu-west-3\noutput = json\n", StringComparison.Ordinal);
        Home.WriteConfig(edited);

        var again = await Run("configure", "populate", "--sso-session", "corp", "--region", "us-east-1");

        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(File.ReadAllText(Home.ConfigPath), Is.EqualTo(edited));
        Assert.That(edited, Does.Contain("region = eu-west-3\noutput = json\n"));
    }

    [Test]
    public async Task Prune_removes_only_profiles_ssocred_wrote_for_roles_that_are_gone()
    {
        var gone = "\n# ssocred: populated from sso-session corp\n[profile Old-Gone]\ncredential_process = ssocred --sso-session corp --account-id 999999999999 --role-name Gone\n";
        Home.WriteConfig(PersonsConfig + gone);
        SeedToken(TimeSpan.FromHours(2));

        var kept = await Run("configure", "populate", "--sso-session", "corp");
        var afterKept = File.ReadAllText(Home.ConfigPath);
        var dryRun = await Run("configure", "populate", "--sso-session", "corp", "--prune", "--dry-run");
        var pruned = await Run("configure", "populate", "--sso-session", "corp", "--prune");
        var afterPruned = File.ReadAllText(Home.ConfigPath);

        Assert.Multiple(() =>
        {
            Assert.That(afterKept, Does.Contain("[profile Old-Gone]"), "without --prune it stays");
            Assert.That(kept.Stderr, Does.Contain("1 profile(s) of roles 'corp' no longer has stay (--prune removes them): Old-Gone"));
            Assert.That(dryRun.Stdout, Does.Contain("\n-[profile Old-Gone]\n"), "the dry run shows the removal");
            Assert.That(File.ReadAllText(Home.ConfigPath), Does.Not.Contain("Old-Gone"));
            Assert.That(afterPruned, Does.StartWith(PersonsConfig), "the person's lines stay");
            Assert.That(afterPruned, Does.Contain("[profile Sandbox-ReadOnly]"));
            Assert.That(pruned.ExitCode, Is.Zero, pruned.ToString());
        });
    }

    [Test]
    public async Task The_dry_run_shows_exactly_what_the_run_then_writes()
    {
        Home.WriteConfig(PersonsConfig);
        SeedToken(TimeSpan.FromHours(2));

        var dryRun = await Run("configure", "populate", "--sso-session", "corp", "--region", "us-east-1", "--dry-run");
        var patched = Path.Combine(Home.Root, "patched");
        File.WriteAllText(patched, PersonsConfig);
        var patch = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("patch", ["--quiet", patched]) { RedirectStandardInput = true })!;
        patch.StandardInput.Write(dryRun.Stdout);
        patch.StandardInput.Close();
        patch.WaitForExit();
        await Run("configure", "populate", "--sso-session", "corp", "--region", "us-east-1");

        Assert.That(patch.ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(Home.ConfigPath), Is.EqualTo(File.ReadAllText(patched)));
    }

    [Test]
    public async Task Runs_within_one_second_keep_every_backup()
    {
        Home.WriteConfig(PersonsConfig);
        SeedToken(TimeSpan.FromHours(2));

        // The backups of this second and the next few are taken already, as by runs just before.
        var now = DateTimeOffset.UtcNow;
        for (var s = 0; s < 30; s++)
        {
            File.WriteAllText($"{Home.ConfigPath}.ssocred-backup-{now.AddSeconds(s):yyyyMMdd'T'HHmmss'Z'}", "older backup");
        }

        var run = await Run("configure", "populate", "--sso-session", "corp");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(Directory.EnumerateFiles(Home.AwsFolder, "config.ssocred-backup-*").Select(File.ReadAllText), Has.Exactly(1).EqualTo(PersonsConfig));
        Assert.That(Directory.EnumerateFiles(Home.AwsFolder, "config.ssocred-backup-*").Count(f => File.ReadAllText(f) == "older backup"), Is.EqualTo(30), "none overwritten");
    }

    private static string[] ProfileHeaders(string config) =>
        config.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('['))
            .Select(l => l.Trim('[', ']'))
            .Where(l => l == "default" || l.StartsWith("profile ", StringComparison.Ordinal))
            .Select(l => l == "default" ? l : l["profile ".Length..])
            .ToArray();
}
