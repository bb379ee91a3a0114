using System.Text;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Output;

namespace Ssocred.Tests.Output;

// Exact expected text, format by format, as `aws configure export-credentials` prints them.
public class CredentialExportTests
{
    private static readonly RoleCredentials Credentials = new(
        "ASIAEXAMPLEEXAMPLE01",
        new Secret("secret/Key+1="),
        new Secret("session/Token+2="),
        new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    [TestCase("env", "export AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE01\nexport AWS_SECRET_ACCESS_KEY=secret/Key+1=\nexport AWS_SESSION_TOKEN=session/Token+2=\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-29T09:00:00Z\n")]
    [TestCase("env-no-export", "AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE01\nAWS_SECRET_ACCESS_KEY=secret/Key+1=\nAWS_SESSION_TOKEN=session/Token+2=\nAWS_CREDENTIAL_EXPIRATION=2026-11-29T09:00:00Z\n")]
    [TestCase("dotenv", "AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE01\nAWS_SECRET_ACCESS_KEY=secret/Key+1=\nAWS_SESSION_TOKEN=session/Token+2=\nAWS_CREDENTIAL_EXPIRATION=2026-11-29T09:00:00Z\n")]
    [TestCase("powershell", "$Env:AWS_ACCESS_KEY_ID=\"ASIAEXAMPLEEXAMPLE01\"\n$Env:AWS_SECRET_ACCESS_KEY=\"secret/Key+1=\"\n$Env:AWS_SESSION_TOKEN=\"session/Token+2=\"\n$Env:AWS_CREDENTIAL_EXPIRATION=\"2026-11-29T09:00:00Z\"\n")]
    [TestCase("windows-cmd", "set AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE01\nset AWS_SECRET_ACCESS_KEY=secret/Key+1=\nset AWS_SESSION_TOKEN=session/Token+2=\nset AWS_CREDENTIAL_EXPIRATION=2026-11-29T09:00:00Z\n")]
    [TestCase("fish", "set -gx AWS_ACCESS_KEY_ID \"ASIAEXAMPLEEXAMPLE01\"\nset -gx AWS_SECRET_ACCESS_KEY \"secret/Key+1=\"\nset -gx AWS_SESSION_TOKEN \"session/Token+2=\"\nset -gx AWS_CREDENTIAL_EXPIRATION \"2026-11-29T09:00:00Z\"\n")]
    [TestCase("process", "{\"Version\":1,\"AccessKeyId\":\"ASIAEXAMPLEEXAMPLE01\",\"SecretAccessKey\":\"secret/Key+1=\",\"SessionToken\":\"session/Token+2=\",\"Expiration\":\"2026-11-29T09:00:00Z\"}\n")]
    public void Each_format_prints_exactly_what_its_shell_expects(string format, string expected) =>
        Assert.That(Encoding.UTF8.GetString(CredentialExport.Render(Credentials, format)), Is.EqualTo(expected));

    [TestCase("env", "export AWS_REGION=eu-west-3\nexport AWS_DEFAULT_REGION=eu-west-3\n")]
    [TestCase("env-no-export", "AWS_REGION=eu-west-3\nAWS_DEFAULT_REGION=eu-west-3\n")]
    [TestCase("dotenv", "AWS_REGION=eu-west-3\nAWS_DEFAULT_REGION=eu-west-3\n")]
    [TestCase("powershell", "$Env:AWS_REGION=\"eu-west-3\"\n$Env:AWS_DEFAULT_REGION=\"eu-west-3\"\n")]
    [TestCase("windows-cmd", "set AWS_REGION=eu-west-3\nset AWS_DEFAULT_REGION=eu-west-3\n")]
    [TestCase("fish", "set -gx AWS_REGION \"eu-west-3\"\nset -gx AWS_DEFAULT_REGION \"eu-west-3\"\n")]
    public void A_region_adds_two_lines_after_the_credentials_in_the_formats_syntax(string format, string expectedTail)
    {
        var without = Encoding.UTF8.GetString(CredentialExport.Render(Credentials, format));
        var with = Encoding.UTF8.GetString(CredentialExport.Render(Credentials, format, "eu-west-3"));

        Assert.That(with, Is.EqualTo(without + expectedTail));
    }

    [Test]
    public void The_process_format_has_no_place_for_a_region() =>
        Assert.That(CredentialExport.Render(Credentials, "process", "eu-west-3"), Is.EqualTo(CredentialExport.Render(Credentials, "process")));

    [Test]
    public void Every_listed_format_renders() =>
        Assert.That(() => CredentialExport.Formats.Select(f => CredentialExport.Render(Credentials, f)).ToList(), Throws.Nothing);
}
