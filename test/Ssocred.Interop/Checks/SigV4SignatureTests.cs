using System.Text;
using Ssocred.Interop.Support;

namespace Ssocred.Interop.Checks;

/// <summary>
/// The signature check that every consumer test leans on must itself be right: it accepts AWS's
/// published example and rejects a wrong key or a changed request.
/// </summary>
internal sealed class SigV4SignatureTests
{
    // The example request of AWS's "Create a signed AWS API request" (IAM ListUsers, 2015-08-30).
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string ExampleAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date, " +
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    [Test]
    public void Accepts_the_published_example()
    {
        var signature = SigV4Signature.Parse(ExampleAuthorization);

        Assert.Multiple(() =>
        {
            Assert.That(signature.AccessKeyId, Is.EqualTo("AKIDEXAMPLE"));
            Assert.That(signature.IsValidFor(Example(), ExampleSecret), Is.True);
        });
    }

    [Test]
    public void Rejects_another_secret_key() =>
        Assert.That(SigV4Signature.Parse(ExampleAuthorization).IsValidFor(Example(), ExampleSecret + "x"), Is.False);

    [Test]
    public void Rejects_a_changed_request() =>
        Assert.That(SigV4Signature.Parse(ExampleAuthorization).IsValidFor(Example(body: "Action=ListRoles"), ExampleSecret), Is.False);

    private static RecordedRequest Example(string body = "") => new(
        "GET",
        new Uri("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "iam.amazonaws.com",
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["X-Amz-Date"] = "20150830T123600Z",
        },
        Encoding.UTF8.GetBytes(body));
}
