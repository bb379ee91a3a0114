using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ssocred.Platform;

namespace Ssocred.Tests.Platform;

/// <summary>
/// TLS trust that reads only the roots a chain needs still refuses what .NET refuses: a real TLS
/// server on loopback, a throw-away root CA in a temporary folder hashed by <c>openssl rehash</c>.
/// </summary>
[Platform("Linux")]
public class TlsTrustTests
{
    private string _folder = null!;
    private Pki _trusted = null!;
    private Pki _stranger = null!;
    private int _fullLoads;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("ssocred-trust-").FullName;
        _trusted = Pki.Create("Throwaway Trusted Root");
        _stranger = Pki.Create("Throwaway Stranger Root");
        File.WriteAllText(Path.Combine(_folder, "trusted-root.pem"), _trusted.Root.ExportCertificatePem());
        Rehash(_folder);
        _fullLoads = 0;
    }

    [TearDown]
    public void RemoveFolder()
    {
        _trusted.Dispose();
        _stranger.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_chain_to_a_root_in_the_hashed_folder_is_accepted_without_reading_every_certificate()
    {
        await ConnectAsync(_trusted, "127.0.0.1");

        Assert.That(_fullLoads, Is.Zero, "found by hash, the full store was never read");
    }

    [Test]
    public async Task A_chain_with_an_intermediate_the_server_sends_is_accepted()
    {
        using var intermediate = _trusted.WithIntermediate();

        await ConnectAsync(intermediate, "localhost");

        Assert.That(_fullLoads, Is.Zero);
    }

    [Test]
    public void A_certificate_from_a_root_that_is_not_trusted_is_refused()
    {
        Assert.ThrowsAsync<AuthenticationException>(() => ConnectAsync(_stranger, "127.0.0.1"));
        Assert.That(_fullLoads, Is.EqualTo(1), "refused only after trying every trusted certificate");
    }

    [Test]
    public void A_certificate_for_another_host_name_is_refused_although_its_chain_is_trusted() =>
        Assert.ThrowsAsync<AuthenticationException>(() => ConnectAsync(_trusted, "sso.example.com"));

    [Test]
    public void An_expired_certificate_from_a_trusted_root_is_refused()
    {
        using var expired = _trusted.WithLeafValid(DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));

        Assert.ThrowsAsync<AuthenticationException>(() => ConnectAsync(expired, "127.0.0.1"));
    }

    [Test]
    public async Task A_root_in_the_bundle_file_is_found_by_subject_without_the_full_store()
    {
        var bundle = Path.Combine(_folder, "..", Path.GetFileName(_folder) + "-bundle.pem");
        File.WriteAllText(bundle, $"{_trusted.Root.ExportCertificatePem()}\n{_stranger.Root.ExportCertificatePem()}\n");
        try
        {
            await ConnectAsync(_stranger, "127.0.0.1", bundleFile: bundle);
        }
        finally
        {
            File.Delete(bundle);
        }

        Assert.That(_fullLoads, Is.Zero);
    }

    [Test]
    public async Task A_trusted_root_without_a_hash_link_is_still_trusted_through_the_full_store()
    {
        // The same trust as .NET's default: a root only in the bundle file is found the slow way.
        var bundleOnly = new X509Certificate2Collection(_stranger.Root);

        await ConnectAsync(_stranger, "127.0.0.1", bundleOnly);

        Assert.That(_fullLoads, Is.EqualTo(1));
    }

    [Test]
    public void A_folder_is_hashed_only_with_hash_links()
    {
        var plain = Directory.CreateTempSubdirectory("ssocred-plain-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(plain, "root.pem"), _trusted.Root.ExportCertificatePem());
            Assert.Multiple(() =>
            {
                Assert.That(HashedCertificateFolder.IsHashed(plain), Is.False);
                Assert.That(HashedCertificateFolder.IsHashed(_folder), Is.True);
                Assert.That(HashedCertificateFolder.IsHashed(Path.Combine(plain, "missing")), Is.False);
            });
        }
        finally
        {
            Directory.Delete(plain, recursive: true);
        }
    }

    /// <summary>One TLS handshake from a client using <see cref="TlsTrust"/> to a server presenting <paramref name="server"/>'s chain.</summary>
    private async Task ConnectAsync(Pki server, string hostName, X509Certificate2Collection? extraTrusted = null, string? bundleFile = null)
    {
        var bundle = bundleFile is null ? null : new CertificateBundle(bundleFile);
        var trust = new TlsTrust([new HashedCertificateFolder(_folder)], bundle, () =>
        {
            _fullLoads++;
            var everything = new TrustedCertificates();
            everything.Add(_trusted.Root);
            foreach (var certificate in extraTrusted ?? [])
            {
                everything.Add(certificate);
            }

            return everything;
        });
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var serving = ServeOnceAsync(listener, server, timeout.Token);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, timeout.Token);
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions { TargetHost = hostName };
        trust.ApplyTo(options);
        try
        {
            await tls.AuthenticateAsClientAsync(options, timeout.Token);
        }
        finally
        {
            tcp.Close();
            await serving;
        }
    }

    private static async Task ServeOnceAsync(TcpListener listener, Pki server, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        await using var tls = new SslStream(client.GetStream());
        var context = SslStreamCertificateContext.Create(server.Leaf, server.Chain, offline: true);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, cancellationToken);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            // The client refused the certificate: what some tests expect.
        }
    }

    private static void Rehash(string folder)
    {
        using var rehash = Process.Start(new ProcessStartInfo("openssl", ["rehash", folder]))!;
        rehash.WaitForExit();
        Assert.That(rehash.ExitCode, Is.Zero, "openssl rehash");
    }

    /// <summary>A root CA, maybe an intermediate, and a leaf for 127.0.0.1 and localhost.</summary>
    private sealed class Pki : IDisposable
    {
        private readonly ECDsa _rootKey;

        private Pki(X509Certificate2 root, ECDsa rootKey, X509Certificate2 leaf, X509Certificate2Collection chain)
        {
            Root = root;
            _rootKey = rootKey;
            Leaf = leaf;
            Chain = chain;
        }

        public X509Certificate2 Root { get; }

        public X509Certificate2 Leaf { get; }

        /// <summary>What the server sends besides its leaf.</summary>
        public X509Certificate2Collection Chain { get; }

        public static Pki Create(string name)
        {
            var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}, O=ssocred tests", rootKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
            return new Pki(root, rootKey, IssueLeaf(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2)), []);
        }

        public Pki WithLeafValid(DateTimeOffset from, DateTimeOffset until) => new(Root, _rootKey, IssueLeaf(Root, from, until), []);

        public Pki WithIntermediate()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Throwaway Intermediate, O=ssocred tests", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var issued = request.Create(Root, DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(20), [1, 2, 3, 4]);
            var intermediate = issued.CopyWithPrivateKey(key);
            return new Pki(Root, _rootKey, IssueLeaf(intermediate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2)), [intermediate]);
        }

        public void Dispose()
        {
            Leaf.Dispose();
            foreach (var certificate in Chain)
            {
                certificate.Dispose();
            }
        }

        private static X509Certificate2 IssueLeaf(X509Certificate2 issuer, DateTimeOffset from, DateTimeOffset until)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            using var issued = request.Create(issuer, from, until, RandomNumberGenerator.GetBytes(8));
            using var withKey = issued.CopyWithPrivateKey(key);
            // Through PKCS#12, so the server's TLS stack can use the key on every platform.
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }
}
