using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>
/// The published executable over TLS, as real endpoints are: a TLS proxy on loopback in front of
/// the fake, its throw-away root CA trusted only through a temporary hashed folder
/// (<c>SSL_CERT_DIR</c>, <c>openssl rehash</c>). Proves the Native AOT build's trust lookup
/// (the C library and libcrypto calls of Platform/TlsTrust.cs) accepts what it should and
/// refuses what it should.
/// </summary>
[Platform("Linux")]
internal sealed class TlsTrustTests : EndToEndTest
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ssocred-e2e-trust-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Credentials_come_over_tls_from_an_endpoint_whose_root_is_in_the_hashed_folder()
    {
        using var root = RootCa("Throwaway E2E Root");
        File.WriteAllText(Path.Combine(_folder, "root.pem"), root.Certificate.ExportCertificatePem());
        Rehash(_folder);
        SeedToken(TimeSpan.FromHours(1));
        await using var proxy = TlsProxy.Start(root.IssueServer(), Fake.BaseUrl);

        var run = await RunWith(TlsEnvironment(proxy), "--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_endpoint_whose_certificate_chains_to_no_trusted_root_is_refused()
    {
        using var trusted = RootCa("Throwaway E2E Root");
        using var stranger = RootCa("Throwaway E2E Stranger");
        File.WriteAllText(Path.Combine(_folder, "root.pem"), trusted.Certificate.ExportCertificatePem());
        Rehash(_folder);
        SeedToken(TimeSpan.FromHours(1));
        await using var proxy = TlsProxy.Start(stranger.IssueServer(), Fake.BaseUrl);

        var run = await RunWith(TlsEnvironment(proxy), "--profile", "demo-sso", "--no-login");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(run.Stderr, Does.StartWith("ssocred: GetRoleCredentials failed"));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero, "no request crossed the refused connection");
        });
    }

    private Dictionary<string, string> TlsEnvironment(TlsProxy proxy)
    {
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSO"] = proxy.Url;
        environment["AWS_ENDPOINT_URL_SSO_OIDC"] = proxy.Url;
        environment["SSL_CERT_DIR"] = _folder;
        return environment;
    }

    private static void Rehash(string folder)
    {
        using var rehash = Process.Start(new ProcessStartInfo("openssl", ["rehash", folder]))!;
        rehash.WaitForExit();
        Assert.That(rehash.ExitCode, Is.Zero, "openssl rehash");
    }

    private static RootAuthority RootCa(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=ssocred tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return new RootAuthority(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(2)), key);
    }

    private sealed record RootAuthority(X509Certificate2 Certificate, ECDsa Key) : IDisposable
    {
        /// <summary>A server certificate for 127.0.0.1, with its key, issued by this root.</summary>
        public X509Certificate2 IssueServer()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
            using var withKey = issued.CopyWithPrivateKey(key);
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }

        public void Dispose()
        {
            Certificate.Dispose();
            Key.Dispose();
        }
    }

    /// <summary>Terminates TLS on a loopback port and forwards each connection to the fake's plain HTTP port.</summary>
    private sealed class TlsProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly Uri _target;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        private TlsProxy(X509Certificate2 certificate, Uri target)
        {
            _certificate = certificate;
            _target = target;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public string Url => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public static TlsProxy Start(X509Certificate2 certificate, Uri target) => new(certificate, target);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _certificate.Dispose();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            var connections = new List<Task>();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    connections.Add(ForwardAsync(client));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }

            await Task.WhenAll(connections);
        }

        private async Task ForwardAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    await using var tls = new SslStream(client.GetStream());
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                    var plain = upstream.GetStream();
                    var up = tls.CopyToAsync(plain, _stop.Token);
                    var down = plain.CopyToAsync(tls, _stop.Token);
                    await Task.WhenAny(up, down);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
                {
                    // A refused handshake or a closed connection ends this forwarding only.
                }
            }
        }
    }
}
