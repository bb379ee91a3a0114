using Ssocred.Configuration;

namespace Ssocred.Tests.Configuration;

public class ProfileBlockEditorTests
{
    private const string Marker = "# ssocred: populated from sso-session corp";

    private static readonly PopulatedProfile Demo = new("Demo-Admin", [new("credential_process", "ssocred --sso-session corp --account-id 111122223333 --role-name Admin")]);

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
        var (text, skipped) = ProfileBlockEditor.Apply(PersonsFile + "\n", "corp", [Demo]);

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
        var (once, _) = ProfileBlockEditor.Apply(PersonsFile + "\n", "corp", [Demo]);
        var (twice, _) = ProfileBlockEditor.Apply(once, "corp", [Demo]);
        var changed = Demo with { Values = [new("credential_process", "ssocred --changed"), new("region", "us-east-1")] };
        var (updated, _) = ProfileBlockEditor.Apply(once + "\n# next\n[profile after]\nk = v\n", "corp", [changed]);

        Assert.Multiple(() =>
        {
            Assert.That(twice, Is.EqualTo(once), "idempotent");
            Assert.That(updated, Does.Contain("[profile Demo-Admin]\ncredential_process = ssocred --changed\nregion = us-east-1\n\n# next\n[profile after]\nk = v\n"));
            Assert.That(updated.Split("[profile Demo-Admin]"), Has.Length.EqualTo(2), "one section");
        });
    }

    [Test]
    public void A_profile_a_person_wrote_is_left_alone()
    {
        var file = "[profile Demo-Admin]\nsso_session = mine\n";

        var (text, skipped) = ProfileBlockEditor.Apply(file, "corp", [Demo]);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(file));
            Assert.That(skipped, Is.EqualTo(new[] { "Demo-Admin" }));
        });
    }

    [Test]
    public void Crlf_files_stay_crlf()
    {
        var (text, _) = ProfileBlockEditor.Apply("[default]\r\nregion = x\r\n", "corp", [Demo]);

        Assert.That(text.Replace("\r\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain("\n"));
    }

    [Test]
    public void An_empty_file_gets_just_the_profiles() =>
        Assert.That(ProfileBlockEditor.Apply(string.Empty, "corp", [Demo]).Text, Does.StartWith(Marker + "\n[profile Demo-Admin]\n"));

    [Test]
    public void The_result_is_a_file_botocore_reads_with_the_same_profiles()
    {
        var (text, _) = ProfileBlockEditor.Apply(PersonsFile + "\n", "corp", [Demo]);

        var document = new AwsConfigFile("config", IniDocument.Parse(text));

        Assert.Multiple(() =>
        {
            Assert.That(document.ProfileNames, Is.EquivalentTo(new[] { "default", "old", "Demo-Admin" }));
            Assert.That(document.Profile("Demo-Admin")!["credential_process"].Text, Does.StartWith("ssocred --sso-session corp"));
            Assert.That(document.Profile("old")!["s3"].Nested!["addressing_style"], Is.EqualTo("path"));
        });
    }
}
