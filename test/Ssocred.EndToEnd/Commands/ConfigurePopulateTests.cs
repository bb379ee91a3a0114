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

    private static string[] ProfileHeaders(string config) =>
        config.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('['))
            .Select(l => l.Trim('[', ']'))
            .Where(l => l == "default" || l.StartsWith("profile ", StringComparison.Ordinal))
            .Select(l => l == "default" ? l : l["profile ".Length..])
            .ToArray();
}
