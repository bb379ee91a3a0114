using Ssocred.Configuration;

namespace Ssocred.Tests.Configuration;

public class ProfileBlockEditorTests
{
    private const string Marker = "# ssocred: populated from sso-session corp";

    private static readonly PopulatedProfile Demo = new("Demo-Admin", new RoleTarget("111122223333", "Admin"), "ssocred --sso-session corp --account-id 111122223333 --role-name Admin");

    private const string PersonsFile = """
        # my settings
        [default]
        region   =   eu-west-1   

        ; a legacy profile
        [profile old]
        sso_start_url=https://x/start
        s3 =
            addressing_style = path
        """;

    [Test]
    public void Adds_profiles_after_every_line_of_the_file_unchanged()
    {
        var (text, skipped, _) = ProfileBlockEditor.Apply(PersonsFile + "\n", "corp", [Demo]);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith(PersonsFile + "\n"), "the person's lines, byte for byte");
            Assert.That(text[(PersonsFile.Length + 1)..], Is.EqualTo($"\n{Marker}\n[profile Demo-Admin]\ncredential_process = ssocred --sso-session corp --account-id 111122223333 --role-name Admin\n"));
            Assert.That(skipped, Is.Empty);
        });
    }

    [Test]
    public void A_second_run_updates_its_profiles_instead_of_duplicating_them()
    {
        var (once, _, _) = ProfileBlockEditor.Apply(PersonsFile + "\n", "corp", [Demo]);
        var (twice, _, _) = ProfileBlockEditor.Apply(once, "corp", [Demo]);
        var changed = Demo with { CredentialProcess = "ssocred --changed" };
        var (updated, _, _) = ProfileBlockEditor.Apply(once + "\n# next\n[profile after]\nk = v\n", "corp", [changed]);

        Assert.Multiple(() =>
        {
            Assert.That(twice, Is.EqualTo(once), "idempotent");
            Assert.That(updated, Does.Contain("[profile Demo-Admin]\ncredential_process = ssocred --changed\n\n# next\n[profile after]\nk = v\n"));
            Assert.That(updated.Split("[profile Demo-Admin]"), Has.Length.EqualTo(2), "one section");
        });
    }

    [Test]
    public void A_profile_a_person_wrote_is_left_alone()
    {
        var file = "[profile Demo-Admin]\nsso_session = mine\n";

        var (text, skipped, _) = ProfileBlockEditor.Apply(file, "corp", [Demo]);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(file));
            Assert.That(skipped, Is.EqualTo(new[] { "Demo-Admin" }));
        });
    }

    [Test]
    public void Crlf_files_stay_crlf()
    {
        var (text, _, _) = ProfileBlockEditor.Apply("[default]\r\nregion = x\r\n", "corp", [Demo]);

        Assert.That(text.Replace("\r\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain("\n"));
    }

    [Test]
    public void An_empty_file_gets_just_the_profiles() =>
        Assert.That(ProfileBlockEditor.Apply(string.Empty, "corp", [Demo]).Text, Does.StartWith(Marker + "\n[profile Demo-Admin]\n"));

    [Test]
    public void The_result_is_a_file_botocore_reads_with_the_same_profiles()
    {
        var (text, _, _) = ProfileBlockEditor.Apply(PersonsFile + "\n", "corp", [Demo]);

        var document = new AwsConfigFile("config", IniDocument.Parse(text));

        Assert.Multiple(() =>
        {
            Assert.That(document.ProfileNames, Is.EquivalentTo(new[] { "default", "old", "Demo-Admin" }));
            Assert.That(document.Profile("Demo-Admin")!["credential_process"].Text, Does.StartWith("ssocred --sso-session corp"));
            Assert.That(document.Profile("old")!["s3"].Nested!["addressing_style"], Is.EqualTo("path"));
        });
    }

    [Test]
    public void A_second_run_changes_only_its_own_line_and_keeps_the_persons_keys()
    {
        var (once, _, _) = ProfileBlockEditor.Apply(string.Empty, "corp", [Demo with { Extra = [new("region", "us-east-1")] }]);
        var edited = once.Replace("region = us-east-1\n", "region = eu-west-3\noutput = json\n# mine\n", StringComparison.Ordinal);

        var (again, _, _) = ProfileBlockEditor.Apply(edited, "corp", [Demo with { CredentialProcess = "/new/ssocred --sso-session corp --account-id 111122223333 --role-name Admin", Extra = [new("region", "us-east-1")] }]);

        Assert.That(again, Is.EqualTo(edited.Replace("credential_process = ssocred ", "credential_process = /new/ssocred ", StringComparison.Ordinal)));
    }

    [Test]
    public void A_profile_of_a_role_that_is_gone_stays_unless_pruned()
    {
        var gone = new PopulatedProfile("Old-Gone", new RoleTarget("999999999999", "Gone"), "ssocred --sso-session corp --account-id 999999999999 --role-name Gone");
        var (both, _, _) = ProfileBlockEditor.Apply("[default]\nregion = x\n", "corp", [Demo, gone]);

        var kept = ProfileBlockEditor.Apply(both, "corp", [Demo]);
        var pruned = ProfileBlockEditor.Apply(both, "corp", [Demo], prune: true);

        Assert.Multiple(() =>
        {
            Assert.That(kept.Text, Is.EqualTo(both));
            Assert.That(kept.Stale, Is.EqualTo(new[] { "Old-Gone" }));
            Assert.That(pruned.Text, Is.EqualTo(ProfileBlockEditor.Apply("[default]\nregion = x\n", "corp", [Demo]).Text));
            Assert.That(pruned.Stale, Is.EqualTo(new[] { "Old-Gone" }));
        });
    }

    [Test]
    public void Pruning_never_touches_another_sessions_or_a_persons_profiles_nor_a_renamed_one()
    {
        const string File = """
            [profile mine]
            credential_process = ssocred --sso-session corp --account-id 999999999999 --role-name Gone

            # ssocred: populated from sso-session lab
            [profile lab-Gone]
            credential_process = ssocred --sso-session lab --account-id 999999999999 --role-name Gone

            # ssocred: populated from sso-session corp
            [profile Renamed]
            credential_process = ssocred --sso-session corp --account-id 111122223333 --role-name Admin

            """;

        var pruned = ProfileBlockEditor.Apply(File, "corp", [Demo], prune: true);

        Assert.Multiple(() =>
        {
            Assert.That(pruned.Stale, Is.Empty);
            Assert.That(pruned.Text, Does.StartWith(File));
        });
    }
}
