using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ssocred.Platform;

/// <summary>Reads the PEM certificates of a file as .NET's system store does: unreadable or malformed files count as empty.</summary>
internal static class CertificateFiles
{
    public static X509Certificate2Collection Read(string file)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            // .NET's own store loader skips such files too.
        }

        return certificates;
    }
}
