using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FakeIdentityCenter;

/// <summary>
/// A wire-level fake of AWS IAM Identity Center: the SSO OIDC API and the SSO portal API on one base URL
/// (use it as both <c>AWS_ENDPOINT_URL_SSO</c> and <c>AWS_ENDPOINT_URL_SSO_OIDC</c>), plus the browser
/// steps (<c>/authorize</c>, <c>/device</c>) and a control API under <c>/__fake/</c>. All members are thread-safe.
/// </summary>
public sealed class FakeIdentityCenterServer : IAsyncDisposable
{
    /// <summary>Every secret the fake produces contains this.</summary>
    public const string LeakMarker = Secrets.LeakMarker;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly FakeRuntime _fake;
    private int _disposed;

    private FakeIdentityCenterServer(WebApplication app, FakeRuntime fake, int port)
    {
        _app = app;
        _fake = fake;
        Port = port;
        Endpoint = $"http://127.0.0.1:{port}";
        BaseUrl = new Uri(Endpoint);
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The base URL as a string without a trailing slash, ready for <c>AWS_ENDPOINT_URL_SSO</c>.</summary>
    public string Endpoint { get; }

    public int Port { get; }

    /// <summary>Every access token, refresh token, client secret, secret access key, session token, device code
    /// and authorization code the fake ever produced, and every PKCE code verifier a client sent it, oldest first.</summary>
    public IReadOnlyList<string> IssuedSecrets => _fake.Store.IssuedSecrets;

    /// <summary>All client registrations, from the wire or seeded.</summary>
    public IReadOnlyList<RegisteredClient> Clients => _fake.Store.Clients;

    /// <summary>The user code of the most recent StartDeviceAuthorization, if any.</summary>
    public string? LastUserCode => _fake.Store.LastUserCode;

    public static async Task<FakeIdentityCenterServer> StartAsync(FakeOptions? options = null, CancellationToken ct = default)
    {
        options ??= new FakeOptions();
        options.Validate();
        options = options.Copy();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeIdentityCenterServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = StopTimeout);

        // Not the default ConsoleLifetime: an in-process fake must not take over the test runner's Ctrl-C and SIGTERM.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Logging.ClearProviders();
        if (options.LogToStandardError)
        {
            builder.Logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        var fake = new FakeRuntime(options);
        var app = builder.Build();
        OidcEndpoints.Map(app, fake);
        PortalEndpoints.Map(app, fake);
        AuthorizeEndpoints.Map(app, fake);
        DeviceEndpoints.Map(app, fake);
        FederationEndpoints.Map(app, fake);
        ControlEndpoints.Map(app, fake);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            fake.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakeIdentityCenterServer(app, fake, new Uri(address).Port);
    }

    // ---- Counters ----

    /// <summary>Calls of an operation (see <see cref="Operations"/>), faulted ones included.</summary>
    public int Calls(string operation) => _fake.Counters.Calls(operation);

    /// <summary>CreateToken calls of one grant type: "device_code", "refresh_token", "authorization_code" (full names work too).</summary>
    public int TokenCalls(string grantType) => _fake.Counters.TokenCalls(grantType);

    public void ResetCounters() => _fake.Counters.Reset();

    // ---- The console's federation endpoint ----

    /// <summary>Every getSigninToken call: the session sent, and whether the fake issued it.</summary>
    public IReadOnlyList<SigninSession> SigninSessions => _fake.Federation.Sessions;

    /// <summary>Every console login (Action=login) a browser opened.</summary>
    public IReadOnlyList<ConsoleLogin> ConsoleLogins => _fake.Federation.Logins;

    /// <summary>getSigninToken answers this HTTP status from now on (null: normally again).</summary>
    public void FailSigninTokens(int? status) => _fake.Federation.FailWith = status;

    // ---- Faults ----

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="operation"/> answer with the fault (they are still counted).
    /// <paramref name="operation"/> is an <see cref="Operations"/> name, or "CreateToken:GRANT" (e.g. "CreateToken:refresh_token")
    /// to hit one grant type only. Faults queue up in the order injected.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown operation, or a fault that does not apply to it.</exception>
    public void InjectFault(string operation, FaultKind kind, int times = 1) => _fake.Faults.Inject(operation, kind, times);

    public void ClearFaults() => _fake.Faults.Clear();

    // ---- Seeding and steering state ----

    /// <summary>Registers a client without the wire. With the authorization_code grant and no redirect URIs,
    /// <c>http://127.0.0.1/oauth/callback</c> is registered.</summary>
    public RegisteredClient RegisterClient(
        string[] grantTypes, string[] scopes, string? issuerUrl, TimeSpan? lifetime = null, string[]? redirectUris = null)
    {
        ArgumentNullException.ThrowIfNull(grantTypes);
        ArgumentNullException.ThrowIfNull(scopes);
        redirectUris ??= grantTypes.Contains(GrantTypes.AuthorizationCode) ? ["http://127.0.0.1/oauth/callback"] : [];
        return _fake.Store.RegisterClient("fake-seed", grantTypes, scopes, redirectUris, issuerUrl, lifetime);
    }

    /// <summary>Issues an access token (and a refresh token if asked) to a registered client without the wire.</summary>
    /// <exception cref="ArgumentException">Unknown client.</exception>
    public IssuedToken IssueToken(string clientId, TimeSpan lifetime, bool withRefreshToken) =>
        _fake.Store.IssueToken(clientId, lifetime, withRefreshToken);

    /// <summary>The token (and its refresh token) stops working. Returns false for an unknown token.</summary>
    public bool RevokeAccessToken(string accessToken) => _fake.Store.RevokeAccessToken(accessToken);

    public void RevokeAllTokens() => _fake.Store.RevokeAllTokens();

    /// <summary>Every refresh token issued so far is dead: refreshing answers InvalidGrantException.</summary>
    public void ExpireRefreshTokens() => _fake.Store.ExpireRefreshTokens();

    /// <summary>Every client registration so far has expired: the clients get InvalidClientException.</summary>
    public void ExpireClientRegistrations() => _fake.Store.ExpireClientRegistrations();

    /// <summary>While on, <c>/authorize</c> redirects with <c>error=access_denied</c>.</summary>
    public void SetDenyAuthorization(bool deny) => _fake.Store.DenyAuthorization = deny;

    /// <summary>While on, opening <c>/device?user_code=X</c> approves the device.</summary>
    public void SetAutoApprove(bool autoApprove) => _fake.Store.AutoApprove = autoApprove;

    /// <summary>While on, device-code polls faster than the interval answer SlowDownException (see <see cref="FakeOptions.EnforceSlowDown"/>).</summary>
    public void SetEnforceSlowDown(bool enforce) => _fake.Store.EnforceSlowDown = enforce;

    /// <summary>The person approves the device with this user code.</summary>
    /// <exception cref="ArgumentException">Unknown, expired or denied user code.</exception>
    public void ApproveDevice(string userCode)
    {
        if (!_fake.Store.ApproveDevice(userCode))
        {
            throw new ArgumentException($"No pending device authorization with user code '{userCode}'.", nameof(userCode));
        }
    }

    /// <summary>The person denies the device with this user code: polling answers AccessDeniedException.</summary>
    /// <exception cref="ArgumentException">Unknown, expired or approved user code.</exception>
    public void DenyDevice(string userCode)
    {
        if (!_fake.Store.DenyDevice(userCode))
        {
            throw new ArgumentException($"No pending device authorization with user code '{userCode}'.", nameof(userCode));
        }
    }

    /// <summary>Approves every pending, unexpired device authorization; returns how many.</summary>
    public int ApproveAllPendingDevices() => _fake.Store.ApproveAllPendingDevices();

    /// <summary>Stops the server; hanging requests are aborted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _fake.SignalStopping();
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections that would not close in time are dropped by DisposeAsync.
            }
        }

        await _app.DisposeAsync();
        _fake.Dispose();
    }
}

/// <summary>A host lifetime that leaves process signals alone; the server stops when disposed.</summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
