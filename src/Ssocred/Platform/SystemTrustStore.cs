using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace Ssocred.Platform;

/// <summary>
/// Where .NET on Linux finds the trusted certificates, resolved as it resolves them: the file
/// <c>SSL_CERT_FILE</c> (else OpenSSL's default file), the folders of <c>SSL_CERT_DIR</c>
/// (colon-separated; else OpenSSL's default folder, else <c>/etc/ssl/certs</c>), and the current
/// user's .NET root store. Every self-signed certificate there is a trusted root, every other one
/// may serve as an intermediate.
/// </summary>
internal sealed class SystemTrustStore(string? file, IReadOnlyList<string> folders)
{
    private const string DebianFolder = "/etc/ssl/certs";

    public string? File { get; } = file;

    public IReadOnlyList<string> Folders { get; } = folders;

    /// <summary>The locations of this process, or null when OpenSSL's defaults cannot be read (not Linux, no libcrypto).</summary>
    public static SystemTrustStore? OfThisProcess()
    {
        if (!OperatingSystem.IsLinux() || OpenSslDefaults.Read() is not { } defaults)
        {
            return null;
        }

        var file = Environment.GetEnvironmentVariable("SSL_CERT_FILE") ?? defaults.File;
        var dirVariable = Environment.GetEnvironmentVariable("SSL_CERT_DIR");
        var folders = (dirVariable ?? defaults.Folder ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(System.IO.Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (dirVariable is null && !folders.Any(Directory.Exists) && Directory.Exists(DebianFolder))
        {
            folders = [DebianFolder]; // .NET's own fallback when the default folder is missing
        }

        return new SystemTrustStore(string.IsNullOrEmpty(file) ? null : System.IO.Path.GetFullPath(file), folders);
    }

    /// <summary>Every certificate .NET would read: roots (self-signed) and intermediates.</summary>
    public (X509Certificate2Collection Roots, X509Certificate2Collection Intermediates) ReadEverything()
    {
        var roots = new X509Certificate2Collection();
        var intermediates = new X509Certificate2Collection();
        // A hashed folder links each certificate under a second name: read each file once.
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Folders.Where(Directory.Exists).SelectMany(Directory.EnumerateFiles).Prepend(File ?? ""))
        {
            if (path.Length > 0 && System.IO.File.Exists(path) && seen.Add(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path))
            {
                files.Add(path);
            }
        }

        foreach (var path in files)
        {
            foreach (var certificate in CertificateFiles.Read(path))
            {
                (IsSelfIssued(certificate) ? roots : intermediates).Add(certificate);
            }
        }

        using var userRoots = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        userRoots.Open(OpenFlags.ReadOnly);
        roots.AddRange(userRoots.Certificates);
        using var userIntermediates = new X509Store(StoreName.CertificateAuthority, StoreLocation.CurrentUser);
        userIntermediates.Open(OpenFlags.ReadOnly);
        intermediates.AddRange(userIntermediates.Certificates);
        return (roots, intermediates);
    }

    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>OpenSSL's compiled-in defaults, the ones .NET falls back on; read from the libcrypto .NET loads.</summary>
    private static class OpenSslDefaults
    {
        public static (string? File, string? Folder)? Read()
        {
            try
            {
                return (Marshal.PtrToStringUTF8(Version3.DefaultCertFile()), Marshal.PtrToStringUTF8(Version3.DefaultCertDir()));
            }
            catch (DllNotFoundException)
            {
            }

            try
            {
                return (Marshal.PtrToStringUTF8(Version11.DefaultCertFile()), Marshal.PtrToStringUTF8(Version11.DefaultCertDir()));
            }
            catch (DllNotFoundException)
            {
                return null;
            }
        }

        private static class Version3
        {
            [DllImport("libcrypto.so.3", EntryPoint = "X509_get_default_cert_file")]
            public static extern IntPtr DefaultCertFile();

            [DllImport("libcrypto.so.3", EntryPoint = "X509_get_default_cert_dir")]
            public static extern IntPtr DefaultCertDir();
        }

        private static class Version11
        {
            [DllImport("libcrypto.so.1.1", EntryPoint = "X509_get_default_cert_file")]
            public static extern IntPtr DefaultCertFile();

            [DllImport("libcrypto.so.1.1", EntryPoint = "X509_get_default_cert_dir")]
            public static extern IntPtr DefaultCertDir();
        }
    }
}
