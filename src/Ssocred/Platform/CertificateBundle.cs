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
    private Entries? _entries;

    public IEnumerable<X509Certificate2> WithSubject(X500DistinguishedName subject)
    {
        // Read once; validations on two connections at once may both read, each using its own.
        var entries = _entries ??= Read(path);
        for (var i = 0; i < entries.Subjects.Count; i++)
        {
            if (entries.Subjects[i].AsSpan().SequenceEqual(subject.RawData) && TryLoad(entries.Certificates[i]) is { } certificate)
            {
                yield return certificate;
            }
        }
    }

    private static Entries Read(string path)
    {
        var entries = new Entries();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return entries;
        }

        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                var der = new byte[fields.DecodedDataLength];
                if (Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written) && SubjectOf(der.AsMemory(0, written)) is { } subject)
                {
                    entries.Subjects.Add(subject);
                    entries.Certificates.Add(der[..written]);
                }
            }

            rest = rest[fields.Location.End..];
        }

        return entries;
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

    /// <summary>Each certificate's subject and DER, at the same index (two lists rather than a list of tuples: see <see cref="TrustedCertificates"/>).</summary>
    private sealed class Entries
    {
        public List<byte[]> Subjects { get; } = [];

        public List<byte[]> Certificates { get; } = [];
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
