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
internal sealed class SystemTrustStore(string? file, string[] folders)
{
    private const string DebianFolder = "/etc/ssl/certs";

    public string? File { get; } = file;

    public string[] Folders { get; } = folders;

    /// <summary>The locations of this process, or null when OpenSSL's defaults cannot be read (not Linux, no libcrypto).</summary>
    public static SystemTrustStore? OfThisProcess()
    {
        if (!OperatingSystem.IsLinux() || OpenSslDefaults.Read() is not { } defaults)
        {
            return null;
        }

        var file = Environment.GetEnvironmentVariable("SSL_CERT_FILE") ?? defaults.File;
        var dirVariable = Environment.GetEnvironmentVariable("SSL_CERT_DIR");
        var folders = new List<string>();
        var anyExists = false;
        foreach (var folder in (dirVariable ?? defaults.Folder ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var full = System.IO.Path.GetFullPath(folder);
            if (!folders.Contains(full))
            {
                folders.Add(full);
                anyExists |= Directory.Exists(full);
            }
        }

        if (dirVariable is null && !anyExists && Directory.Exists(DebianFolder))
        {
            folders = [DebianFolder]; // .NET's own fallback when the default folder has nothing
        }

        return new SystemTrustStore(string.IsNullOrEmpty(file) ? null : System.IO.Path.GetFullPath(file), [.. folders]);
    }

    /// <summary>Every certificate .NET would read: the file, every file of the folders, the user's .NET stores.</summary>
    public TrustedCertificates ReadEverything()
    {
        var trusted = new TrustedCertificates();
        var seen = new HashSet<string>(StringComparer.Ordinal); // a hashed folder links each certificate under a second name
        foreach (var path in Files())
        {
            if (seen.Add(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path))
            {
                foreach (var certificate in CertificateFiles.Read(path))
                {
                    trusted.Add(certificate);
                }
            }
        }

        using var userRoots = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        userRoots.Open(OpenFlags.ReadOnly);
        trusted.Roots.AddRange(userRoots.Certificates);
        using var userIntermediates = new X509Store(StoreName.CertificateAuthority, StoreLocation.CurrentUser);
        userIntermediates.Open(OpenFlags.ReadOnly);
        trusted.Intermediates.AddRange(userIntermediates.Certificates);
        return trusted;
    }

    private List<string> Files()
    {
        var files = new List<string>();
        if (File is not null && System.IO.File.Exists(File))
        {
            files.Add(File);
        }

        foreach (var folder in Folders)
        {
            if (Directory.Exists(folder))
            {
                files.AddRange(Directory.EnumerateFiles(folder));
            }
        }

        return files;
    }

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
