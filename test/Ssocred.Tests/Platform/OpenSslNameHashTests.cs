using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ssocred.Platform;

namespace Ssocred.Tests.Platform;

/// <summary>The subject hash must be OpenSSL's to the bit, or the hashed folder lookup finds nothing.</summary>
[Platform("Linux")]
public class OpenSslNameHashTests
{
    private const string SystemFolder = "/etc/ssl/certs";

    [Test]
    public void Every_hash_link_of_the_system_folder_is_named_after_the_hash_of_its_certificate()
    {
        var links = Directory.EnumerateFileSystemEntries(SystemFolder)
            .Where(path => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(path), "^[0-9a-f]{8}\\.[0-9]+$"))
            .ToList();
        Assert.That(links, Has.Count.GreaterThan(50), "ca-certificates is installed and c_rehash ran");

        var wrong = links
            .Where(link => CertificateFiles.Read(link) is [var certificate, ..]
                && OpenSslNameHash.FileStem(certificate.SubjectName) != Path.GetFileName(link)[..8])
            .ToList();
        Assert.That(wrong, Is.Empty);
    }

    [TestCase("CN=  Mixed   CASE\tName  , O=Example Org, C=DE")]
    [TestCase("CN=Ünïcödé Root, O=Straße GmbH")]
    [TestCase("E=Admin@Example.COM, CN=mail")]
    [TestCase("CN=a+OU=b, O=multi valued")]
    public void A_name_hashes_as_openssl_hashes_it(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.That(OpenSslNameHash.FileStem(certificate.SubjectName), Is.EqualTo(OpenSslSubjectHash(certificate)));
    }

    private static string OpenSslSubjectHash(X509Certificate2 certificate)
    {
        var start = new ProcessStartInfo("openssl", ["x509", "-noout", "-subject_hash"]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var openssl = Process.Start(start)!;
        openssl.StandardInput.Write(certificate.ExportCertificatePem());
        openssl.StandardInput.Close();
        var hash = openssl.StandardOutput.ReadToEnd().Trim();
        openssl.WaitForExit();
        Assert.That(openssl.ExitCode, Is.Zero);
        return hash;
    }
}
