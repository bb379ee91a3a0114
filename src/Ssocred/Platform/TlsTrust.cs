using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace Ssocred.Platform;

/// <summary>
/// Decides whether a TLS server's certificate is trusted, trusting exactly the certificates .NET
/// trusts by default (<see cref="SystemTrustStore"/>) but reading only the few a chain needs.
/// <para>
/// Left alone, .NET on Linux reads and decodes every certificate of the system store (about 300 on
/// Debian, ~90 ms) before its first chain build, whatever the chain. When the trusted folders are
/// hashed (<see cref="HashedCertificateFolder"/>), this class finds the roots and intermediates a
/// chain can use by the issuers' subject hashes, as OpenSSL itself does (and by subject in the
/// bundle file, <see cref="CertificateBundle"/>), and builds the chain with only those trusted
/// (<see cref="X509ChainTrustMode.CustomRootTrust"/>). A chain that does not build that way is
/// tried once more against everything .NET would have read, so a certificate is
/// accepted exactly when .NET's default validation accepts it: the host name check and the
/// revocation policy stay .NET's own.
/// </para>
/// </summary>
internal sealed class TlsTrust(HashedCertificateFolder[] folders, CertificateBundle? bundle, Func<TrustedCertificates> everything)
{
    /// <summary>Issuer lookups per chain: deeper than any real chain, a bound against loops of cross-signatures.</summary>
    private const int MaxLookups = 16;

    private static readonly Lock s_setUp = new();
    private static TlsTrust? s_processTrust;
    private static bool s_setUpDone;

    /// <summary>
    /// The trust of this process when its trusted folders are hashed (Debian, Ubuntu, Alpine, Arch…);
    /// null elsewhere (macOS, Windows, a folder without hash links), where .NET's default applies.
    /// The first call stops .NET from reading the whole system store (see <see cref="SkipDotNetStoreLoad"/>).
    /// </summary>
    public static TlsTrust? ForThisProcess()
    {
        lock (s_setUp)
        {
            if (!s_setUpDone)
            {
                s_setUpDone = true;
                s_processTrust = Create();
            }

            return s_processTrust;
        }
    }

    /// <summary>Sets this trust on TLS client options: the chain errors .NET reports go through <see cref="Accepts"/>.</summary>
    public void ApplyTo(SslClientAuthenticationOptions options) =>
        options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            Accepts(certificate as X509Certificate2, chain, errors);

    /// <summary>
    /// The validation: a missing certificate or a wrong host name is refused as .NET refuses it;
    /// chain errors are what .NET reports with its (empty) store, so the chain is built again
    /// with the trusted certificates found by hash, then with all of them.
    /// </summary>
    public bool Accepts(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || chain is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var presented = chain.ChainPolicy.ExtraStore; // the certificates the server sent
        var found = FindTrusted(certificate, presented);
        return (found.Roots.Count > 0 && Builds(certificate, chain.ChainPolicy, found))
            || Builds(certificate, chain.ChainPolicy, everything());
    }

    /// <summary>
    /// The trusted certificates that can continue the chain: those named as the issuer of the leaf
    /// or of a certificate the server sent, then, for each intermediate found, its issuer in turn.
    /// </summary>
    private TrustedCertificates FindTrusted(X509Certificate2 leaf, X509Certificate2Collection presented)
    {
        var found = new TrustedCertificates();
        var pending = new List<byte[]> { leaf.IssuerName.RawData };
        foreach (var certificate in presented)
        {
            pending.Add(certificate.IssuerName.RawData);
        }

        var looked = new HashSet<string>(StringComparer.Ordinal);
        for (var next = 0; next < pending.Count && looked.Count < MaxLookups; next++)
        {
            if (!looked.Add(Convert.ToHexString(pending[next])))
            {
                continue;
            }

            foreach (var certificate in WithSubject(new X500DistinguishedName(pending[next])))
            {
                found.Add(certificate);
                if (!TrustedCertificates.IsSelfIssued(certificate))
                {
                    pending.Add(certificate.IssuerName.RawData);
                }
            }
        }

        return found;
    }

    /// <summary>The trusted certificates named <paramref name="subject"/>: looked up in the hashed folders, searched in the bundle file.</summary>
    private IEnumerable<X509Certificate2> WithSubject(X500DistinguishedName subject)
    {
        foreach (var folder in folders)
        {
            foreach (var certificate in folder.WithSubject(subject))
            {
                yield return certificate;
            }
        }

        if (bundle is not null)
        {
            foreach (var certificate in bundle.WithSubject(subject))
            {
                yield return certificate;
            }
        }
    }

    /// <summary>Builds the chain under the handler's own policy (revocation, purpose, time), trusting only <paramref name="roots"/>.</summary>
    private static bool Builds(X509Certificate2 leaf, X509ChainPolicy policy, TrustedCertificates trusted)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy = policy.Clone();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Clear();
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted.Roots);
        chain.ChainPolicy.ExtraStore.AddRange(trusted.Intermediates);
        return chain.Build(leaf);
    }

    private static TlsTrust? Create()
    {
        if (SystemTrustStore.OfThisProcess() is not { } store)
        {
            return null;
        }

        // Loops rather than LINQ here and below: every lambda and generic instantiation adds a
        // static base that each run, warm path included, allocates at start-up.
        var hashed = new List<string>();
        foreach (var folder in store.Folders)
        {
            if (HashedCertificateFolder.IsHashed(folder))
            {
                hashed.Add(folder);
            }
        }

        var bundle = store.File is { } file && System.IO.File.Exists(file) ? new CertificateBundle(file) : null;
        if ((hashed.Count == 0 && bundle is null) || !SkipDotNetStoreLoad())
        {
            return null;
        }

        var folders = new HashedCertificateFolder[hashed.Count];
        for (var i = 0; i < folders.Length; i++)
        {
            folders[i] = new HashedCertificateFolder(hashed[i]);
        }

        return new TlsTrust(folders, bundle, store.ReadEverything);
    }

    /// <summary>
    /// .NET reads the system store once per process, from the paths OpenSSL's variables
    /// <c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c> name at that moment, and offers no other way to
    /// skip it. So the variables are set empty in the native environment, the (now empty) store
    /// is loaded, and they are put back as they were, all before the first TLS connection. The
    /// managed environment, which child processes inherit, is never changed. False (and nothing
    /// changed) when the C library cannot be called; the store had better be read then.
    /// </summary>
    private static bool SkipDotNetStoreLoad()
    {
        string[] names = ["SSL_CERT_FILE", "SSL_CERT_DIR"];
        var saved = new string?[names.Length];
        try
        {
            for (var i = 0; i < names.Length; i++)
            {
                saved[i] = NativeEnvironment.Get(names[i]);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        try
        {
            foreach (var name in names)
            {
                NativeEnvironment.Set(name, "");
            }

            using var machineRoots = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            machineRoots.Open(OpenFlags.ReadOnly);
            _ = machineRoots.Certificates.Count; // loads, and caches for the process, the empty store
        }
        finally
        {
            for (var i = 0; i < names.Length; i++)
            {
                NativeEnvironment.Restore(names[i], saved[i]);
            }
        }

        return true;
    }

    /// <summary>The C library's environment, which OpenSSL and .NET's crypto shim read (the managed one is a copy).</summary>
    private static class NativeEnvironment
    {
        public static string? Get(string name) => Marshal.PtrToStringUTF8(GetEnv(name));

        public static void Set(string name, string value)
        {
            if (SetEnv(name, value, 1) != 0)
            {
                throw new InvalidOperationException($"setenv({name}) failed");
            }
        }

        public static void Restore(string name, string? value)
        {
            _ = value is null ? UnsetEnv(name) : SetEnv(name, value, 1);
        }

        [DllImport("libc", EntryPoint = "getenv")]
        private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

        [DllImport("libc", EntryPoint = "setenv")]
        private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

        [DllImport("libc", EntryPoint = "unsetenv")]
        private static extern int UnsetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    }
}
