using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ssocred.Platform;

/// <summary>
/// A PEM file of many certificates (<c>SSL_CERT_FILE</c>, e.g. <c>ca-certificates.crt</c>), searched
/// by subject without decoding every certificate: each PEM block's subject name is read straight
/// from its DER, and only the certificates whose subject is asked for are decoded. Blocks labelled
/// other than CERTIFICATE (such as OpenSSL's TRUSTED CERTIFICATE) are skipped, as .NET skips them.
/// </summary>
internal sealed class CertificateBundle(string path)
{
    // Two lists, not a list of tuples: see TrustedCertificates on generic statics.
    private List<byte[]>? _subjects;
    private List<byte[]>? _certificates;

    public IEnumerable<X509Certificate2> WithSubject(X500DistinguishedName subject)
    {
        if (_subjects is null)
        {
            (_subjects, _certificates) = ([], []);
            Read(path, _subjects, _certificates!);
        }

        for (var i = 0; i < _subjects.Count; i++)
        {
            if (_subjects[i].AsSpan().SequenceEqual(subject.RawData) && TryLoad(_certificates![i]) is { } certificate)
            {
                yield return certificate;
            }
        }
    }

    private static void Read(string path, List<byte[]> subjects, List<byte[]> certificates)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                var der = new byte[fields.DecodedDataLength];
                if (Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written) && SubjectOf(der.AsMemory(0, written)) is { } subject)
                {
                    subjects.Add(subject);
                    certificates.Add(der[..written]);
                }
            }

            rest = rest[fields.Location.End..];
        }
    }

    /// <summary>The subject Name of a DER certificate: the sixth field of TBSCertificate, after the optional [0] version.</summary>
    private static byte[]? SubjectOf(ReadOnlyMemory<byte> der)
    {
        try
        {
            var tbs = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbs.ReadEncodedValue(); // version
            }

            tbs.ReadEncodedValue(); // serialNumber
            tbs.ReadEncodedValue(); // signature
            tbs.ReadEncodedValue(); // issuer
            tbs.ReadEncodedValue(); // validity
            return tbs.ReadEncodedValue().ToArray();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static X509Certificate2? TryLoad(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
