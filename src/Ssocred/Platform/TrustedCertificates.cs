using System.Security.Cryptography.X509Certificates;

namespace Ssocred.Platform;

/// <summary>Roots (self-signed, anchors) and intermediates (chain-building help only), as .NET sorts a store.</summary>
/// <remarks>A plain class, not a tuple or record: their equality members would add generic statics that every run allocates at start-up.</remarks>
internal sealed class TrustedCertificates
{
    public X509Certificate2Collection Roots { get; } = [];

    public X509Certificate2Collection Intermediates { get; } = [];

    public void Add(X509Certificate2 certificate) => (IsSelfIssued(certificate) ? Roots : Intermediates).Add(certificate);

    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
