using FakeIdentityCenter;
using Microsoft.Extensions.Time.Testing;
using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Platform;

namespace Ssocred.Tests.Support;

/// <summary>
/// ssocred's token and credential logic in virtual time: the real cache classes on a temporary
/// folder, the real AWS SDK calls against the real fake, and two clocks — the service's and this
/// machine's — that tests move (together, or apart to model a skewed local clock).
/// </summary>
internal sealed class VirtualTimeRig : IAsyncDisposable
{
    public const string StartUrl = "https://corp.awsapps.com/start";
    public const string Region = "ap-northeast-2";

    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly string _root;

    private VirtualTimeRig(FakeIdentityCenterServer fake, FakeTimeProvider serviceClock, FakeTimeProvider localClock, string root)
    {
        Fake = fake;
        ServiceClock = serviceClock;
        LocalClock = localClock;
        _root = root;
        var files = new PhysicalFileSystem();
        var stores = new FileCacheStores(root, files, Log);
        TokenStore = stores.All[0].Tokens;
        var locks = new CrossProcessLock(files, localClock, Log);
        Tokens = new SessionTokens(stores, locks, endpoints => new SsoOidc(endpoints, Log), signIn: null, Notifier, localClock, Log);
        Roles = new RoleCredentialsProvider(stores, locks, Tokens, endpoints => new SsoPortal(endpoints, Log), localClock, Log);
        Settings = new SsoSettings(
            "demo-sso",
            null,
            new SsoSession("corp", StartUrl, Region, null, UseDeviceCode: false),
            new RoleTarget("111122223333", "AdministratorAccess"),
            new SsoEndpoints(fake.BaseUrl, fake.BaseUrl, Region, UseFips: false, UseDualStack: false),
            new Dictionary<string, string>());
    }

    public FakeIdentityCenterServer Fake { get; }

    /// <summary>The service's clock: token lifetimes and credential expirations are decided by it.</summary>
    public FakeTimeProvider ServiceClock { get; }

    /// <summary>This machine's clock, as ssocred reads it.</summary>
    public FakeTimeProvider LocalClock { get; }

    public RecordingLog Log { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public TokenCache TokenStore { get; }

    public SessionTokens Tokens { get; }

    public RoleCredentialsProvider Roles { get; }

    public SsoSettings Settings { get; }

    public string TokenKey => CacheKeys.Token(Settings.Session);

    public string LockPath => TokenStore.Store.LockPathOf(TokenKey);

    /// <param name="localClockAhead">How far this machine's clock is ahead of the service's (negative: behind).</param>
    public static async Task<VirtualTimeRig> StartAsync(TimeSpan localClockAhead = default, Action<FakeOptions>? configure = null)
    {
        var serviceClock = new FakeTimeProvider(Start);
        var localClock = new FakeTimeProvider(Start + localClockAhead);
        var options = new FakeOptions { TimeProvider = serviceClock };
        configure?.Invoke(options);
        var fake = await FakeIdentityCenterServer.StartAsync(options);
        return new VirtualTimeRig(fake, serviceClock, localClock, Directory.CreateTempSubdirectory("ssocred-clock-").FullName);
    }

    /// <summary>Time passes for the service and for this machine alike.</summary>
    public void Advance(TimeSpan by)
    {
        ServiceClock.Advance(by);
        LocalClock.Advance(by);
    }

    /// <summary>
    /// A signed-in session as the AWS CLI caches it: the service issues the token, and the file
    /// records its expiry as <paramref name="expiresAt"/> by this machine's clock (where a
    /// skewed writer put it elsewhere than the service's expiry, pass that).
    /// </summary>
    public IssuedToken SeedToken(TimeSpan lifetime, TimeSpan? recordedLifetime = null, bool withRefreshToken = true)
    {
        var client = Fake.RegisterClient([GrantTypes.AuthorizationCode, GrantTypes.RefreshToken], ["sso:account:access"], StartUrl);
        var token = Fake.IssueToken(client.ClientId, lifetime, withRefreshToken);
        TokenStore.Write(TokenKey, new SsoToken(
            new Secret(token.AccessToken),
            LocalClock.GetUtcNow() + (recordedLifetime ?? lifetime),
            StartUrl,
            Region,
            new ClientRegistration(client.ClientId, new Secret(client.ClientSecret), client.ExpiresAt),
            Secret.FromNullable(token.RefreshToken)));
        return token;
    }

    public SsoToken? CachedToken() => TokenStore.Read(TokenKey);

    public Task<SsoToken> ValidTokenAsync(RefreshPolicy? policy = null) =>
        Tokens.GetValidTokenAsync(Request(policy), rejected: null, CancellationToken.None);

    public Task<RoleCredentials> CredentialsAsync(RefreshPolicy? policy = null) =>
        Roles.GetAsync(Request(policy), CancellationToken.None);

    private CredentialRequest Request(RefreshPolicy? policy) =>
        new(Settings, policy ?? new RefreshPolicy { NoLogin = true }, new SignInPreferences());

    /// <summary>
    /// Lets virtual time pass in small steps while <paramref name="task"/> waits on this machine's
    /// clock, until it finishes or <paramref name="limit"/> of virtual time has passed.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilDone(Task task, TimeSpan step, TimeSpan limit)
    {
        var passed = TimeSpan.Zero;
        var realLimit = DateTime.UtcNow.AddSeconds(20);
        while (!task.IsCompleted && passed < limit)
        {
            Advance(step);
            passed += step;
            // Real time for the waiter's continuation to run and set its next timer.
            await Task.WhenAny(task, Task.Delay(2));
            Assert.That(DateTime.UtcNow, Is.LessThan(realLimit), "virtual time ran too slowly");
        }

        return passed;
    }

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
