using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSO.Model;
using Amazon.SSOOIDC.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>Each FaultKind as the real SDK clients see it.</summary>
public sealed class FaultTests
{
    private FakeIdentityCenterServer _server = null!;
    private IssuedToken _token = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await FakeIdentityCenterServer.StartAsync();
        var client = _server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);
        _token = _server.IssueToken(client.ClientId, TimeSpan.FromHours(8), withRefreshToken: true);
    }

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase(FaultKind.InternalError500)]
    [TestCase(FaultKind.ServiceUnavailable503)]
    [TestCase(FaultKind.TooManyRequests429)]
    [TestCase(FaultKind.ConnectionReset)]
    public async Task Portal_retries_transient_faults_and_succeeds(FaultKind kind)
    {
        using var sso = SdkClients.Portal(_server);
        _server.InjectFault(Operations.GetRoleCredentials, kind, times: 2);

        var response = await GetRoleCredentialsAsync(sso);

        Assert.That(response.RoleCredentials.AccessKeyId, Does.StartWith("ASIA"));
        Assert.That(_server.Calls(Operations.GetRoleCredentials), Is.EqualTo(3), "two faulted attempts and one good one, all counted");
    }

    [TestCase(FaultKind.InternalError500)]
    [TestCase(FaultKind.ServiceUnavailable503)]
    [TestCase(FaultKind.TooManyRequests429)]
    [TestCase(FaultKind.ConnectionReset)]
    public async Task OIDC_retries_transient_faults_and_succeeds(FaultKind kind)
    {
        using var oidc = SdkClients.Oidc(_server);
        _server.InjectFault(Operations.RegisterClient, kind, times: 2);

        var client = await TestSupport.RegisterAsync(oidc);

        Assert.That(client.ClientSecret, Does.Contain(FakeIdentityCenterServer.LeakMarker));
        Assert.That(_server.Calls(Operations.RegisterClient), Is.EqualTo(3));
    }

    [TestCase(FaultKind.InternalError500, HttpStatusCode.InternalServerError, "InternalServerException")]
    [TestCase(FaultKind.ServiceUnavailable503, HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException")]
    [TestCase(FaultKind.TooManyRequests429, HttpStatusCode.TooManyRequests, "TooManyRequestsException")]
    public async Task Portal_gives_up_after_the_SDKs_attempts(FaultKind kind, HttpStatusCode status, string errorCode)
    {
        using var sso = SdkClients.Portal(_server);
        _server.InjectFault(Operations.GetRoleCredentials, kind, times: 3);

        var error = Assert.ThrowsAsync(Is.InstanceOf<AmazonSSOException>(), () => GetRoleCredentialsAsync(sso)) as AmazonSSOException;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.StatusCode, Is.EqualTo(status));
            Assert.That(error.ErrorCode, Is.EqualTo(errorCode));
            Assert.That(_server.Calls(Operations.GetRoleCredentials), Is.EqualTo(3));
        }

        Assert.That((await GetRoleCredentialsAsync(sso)).RoleCredentials, Is.Not.Null, "the fault is used up");
    }

    [TestCase(FaultKind.InternalError500, HttpStatusCode.InternalServerError, "InternalServerException")]
    [TestCase(FaultKind.ServiceUnavailable503, HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException")]
    [TestCase(FaultKind.TooManyRequests429, HttpStatusCode.TooManyRequests, "ThrottlingException")]
    public async Task OIDC_gives_up_after_the_SDKs_attempts(FaultKind kind, HttpStatusCode status, string errorCode)
    {
        using var oidc = SdkClients.Oidc(_server);
        _server.InjectFault(Operations.RegisterClient, kind, times: 3);

        var error = Assert.ThrowsAsync(Is.InstanceOf<Amazon.SSOOIDC.AmazonSSOOIDCException>(), () => TestSupport.RegisterAsync(oidc))
            as Amazon.SSOOIDC.AmazonSSOOIDCException;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.StatusCode, Is.EqualTo(status));
            Assert.That(error.ErrorCode, Is.EqualTo(errorCode));
            Assert.That(_server.Calls(Operations.RegisterClient), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Broken_JSON_is_retried_like_a_transient_fault()
    {
        using var sso = SdkClients.Portal(_server);
        _server.InjectFault(Operations.GetRoleCredentials, FaultKind.BrokenJson);

        var response = await GetRoleCredentialsAsync(sso);

        Assert.That(response.RoleCredentials.AccessKeyId, Does.StartWith("ASIA"));
        Assert.That(_server.Calls(Operations.GetRoleCredentials), Is.EqualTo(2), "the .NET SDK retries a 200 it cannot unmarshal");
    }

    [Test]
    public void Broken_JSON_on_every_attempt_fails_fast_instead_of_hanging()
    {
        using var sso = SdkClients.Portal(_server, timeout: TimeSpan.FromSeconds(5));
        using var oidc = SdkClients.Oidc(_server, timeout: TimeSpan.FromSeconds(5));
        _server.InjectFault(Operations.GetRoleCredentials, FaultKind.BrokenJson, times: 3);
        _server.InjectFault(Operations.CreateToken, FaultKind.BrokenJson, times: 3);
        var stopwatch = Stopwatch.StartNew();

        var portal = Assert.ThrowsAsync<AmazonUnmarshallingException>(() => GetRoleCredentialsAsync(sso));
        var token = Assert.ThrowsAsync<AmazonUnmarshallingException>(() =>
            TestSupport.RefreshAsync(oidc, _token.ClientId, "whatever", _token.RefreshToken!));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
            Assert.That(portal.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(portal.ToString() + token.ToString(), Does.Not.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(_server.Calls(Operations.GetRoleCredentials), Is.EqualTo(3));
            Assert.That(_server.Calls(Operations.CreateToken), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Hang_ends_in_the_SDKs_timeout()
    {
        // 2 s: long enough that a healthy call never hits it on a loaded 2-core CI machine.
        using var sso = SdkClients.Portal(_server, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(2));
        // Twice: under heavy load (the end-to-end suite beside this one, as in CI) the server
        // has seen a second GetRoleCredentials during the one attempt, and the call then ended
        // with its answer at 2.01 s instead of the timeout (3 times in about 100 runs; not the
        // SDK's retry, which is off; not an earlier server's port). Whatever sends it, it hangs too.
        _server.InjectFault(Operations.GetRoleCredentials, FaultKind.Hang, times: 2);
        var stopwatch = Stopwatch.StartNew();

        var outcome = await OutcomeOfAsync(() => GetRoleCredentialsAsync(sso));

        Assert.That(outcome, Is.InstanceOf<TimeoutException>(), () => $"GetRoleCredentials calls seen: {_server.Calls(Operations.GetRoleCredentials)}, after {stopwatch.Elapsed}");
        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)).And.LessThan(TimeSpan.FromSeconds(10)), "ended by the timeout, not before");
        _server.ClearFaults();
        Assert.That((await GetRoleCredentialsAsync(sso)).RoleCredentials, Is.Not.Null, "the client works again once the server answers");
    }

    [Test]
    public async Task Hang_is_retried_after_the_timeout()
    {
        using var oidc = SdkClients.Oidc(_server, timeout: TimeSpan.FromSeconds(2));
        _server.InjectFault(Operations.RegisterClient, FaultKind.Hang);

        await TestSupport.RegisterAsync(oidc);

        Assert.That(_server.Calls(Operations.RegisterClient), Is.EqualTo(2));
    }

    [Test]
    public async Task Hanging_requests_end_when_the_server_is_disposed()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _server.InjectFault(Operations.ListAccounts, FaultKind.Hang);
        var request = http.GetAsync(new Uri($"{_server.Endpoint}/assignment/accounts"));
        await Task.Delay(200);
        Assert.That(request.IsCompleted, Is.False);

        var stopwatch = Stopwatch.StartNew();
        await _server.DisposeAsync();

        Assert.ThrowsAsync(Is.InstanceOf<HttpRequestException>(), () => request);
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Unauthorized_and_forbidden_faults_on_the_portal()
    {
        using var sso = SdkClients.Portal(_server);
        _server.InjectFault(Operations.GetRoleCredentials, FaultKind.Unauthorized401);
        _server.InjectFault(Operations.GetRoleCredentials, FaultKind.Forbidden403);

        Assert.ThrowsAsync<UnauthorizedException>(() => GetRoleCredentialsAsync(sso));
        var forbidden = Assert.ThrowsAsync(Is.InstanceOf<AmazonSSOException>(), () => GetRoleCredentialsAsync(sso)) as AmazonSSOException;
        Assert.That(forbidden!.ErrorCode, Is.EqualTo("ForbiddenException"));
        Assert.That(_server.Calls(Operations.GetRoleCredentials), Is.EqualTo(2));
    }

    [Test]
    public void OIDC_error_faults_surface_as_their_exception_types()
    {
        using var oidc = SdkClients.Oidc(_server);
        var kinds = new[] { FaultKind.SlowDown, FaultKind.InvalidGrant, FaultKind.ExpiredToken, FaultKind.Unauthorized401, FaultKind.Forbidden403 };
        foreach (var kind in kinds)
        {
            _server.InjectFault(Operations.CreateToken, kind);
        }

        Task Refresh() => TestSupport.RefreshAsync(oidc, _token.ClientId, "any", _token.RefreshToken!);
        Assert.ThrowsAsync<SlowDownException>(Refresh);
        Assert.ThrowsAsync<InvalidGrantException>(Refresh);
        Assert.ThrowsAsync<ExpiredTokenException>(Refresh);
        Assert.ThrowsAsync<InvalidClientException>(Refresh);
        Assert.ThrowsAsync<AccessDeniedException>(Refresh);
        Assert.That(_server.Calls(Operations.CreateToken), Is.EqualTo(kinds.Length));
    }

    [Test]
    public async Task Grant_specific_faults_hit_only_that_grant()
    {
        using var oidc = SdkClients.Oidc(_server);
        _server.InjectFault("CreateToken:refresh_token", FaultKind.InternalError500, times: 3);

        var (client, token) = await TestSupport.DeviceSignInAsync(_server, oidc, TestSupport.DeviceGrants);
        var error = Assert.ThrowsAsync<InternalServerException>(() =>
            TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, token.RefreshToken));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Error, Is.EqualTo("server_error"));
            Assert.That(_server.TokenCalls("device_code"), Is.EqualTo(1));
            Assert.That(_server.TokenCalls(GrantTypes.RefreshToken), Is.EqualTo(3));
            Assert.That(_server.Calls(Operations.CreateToken), Is.EqualTo(4));
        }

        var refreshed = await TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, token.RefreshToken);
        Assert.That(refreshed.AccessToken, Is.Not.Null, "faulted attempts did not consume the refresh token");
    }

    [Test]
    public void Faults_that_do_not_apply_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _server.InjectFault("NoSuchOperation", FaultKind.InternalError500));
        Assert.Throws<ArgumentException>(() => _server.InjectFault(Operations.GetRoleCredentials, FaultKind.SlowDown));
        Assert.Throws<ArgumentException>(() => _server.InjectFault(Operations.Logout, FaultKind.BrokenJson));
        Assert.Throws<ArgumentException>(() => _server.InjectFault(Operations.Authorize, FaultKind.BrokenJson));
        Assert.Throws<ArgumentException>(() => _server.InjectFault("ListAccounts:refresh_token", FaultKind.Hang));
        Assert.Throws<ArgumentOutOfRangeException>(() => _server.InjectFault(Operations.ListAccounts, FaultKind.Hang, times: 0));
    }

    [Test]
    public async Task Counters_count_every_operation_and_reset()
    {
        using var sso = SdkClients.Portal(_server);
        using var oidc = SdkClients.Oidc(_server);
        await TestSupport.DeviceSignInAsync(_server, oidc, TestSupport.DeviceGrants);
        await GetRoleCredentialsAsync(sso);
        await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = _token.AccessToken });
        await sso.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = _token.AccessToken, AccountId = "111122223333" });
        await sso.LogoutAsync(new LogoutRequest { AccessToken = _token.AccessToken });

        using (Assert.EnterMultipleScope())
        {
            foreach (var operation in new[]
            {
                Operations.RegisterClient, Operations.StartDeviceAuthorization, Operations.CreateToken,
                Operations.GetRoleCredentials, Operations.ListAccounts, Operations.ListAccountRoles, Operations.Logout,
            })
            {
                Assert.That(_server.Calls(operation), Is.EqualTo(1), operation);
            }

            Assert.That(_server.Calls(Operations.Authorize), Is.Zero);
            Assert.That(_server.TokenCalls("device_code"), Is.EqualTo(1));
            Assert.That(_server.TokenCalls(GrantTypes.DeviceCode), Is.EqualTo(1));
            Assert.That(_server.TokenCalls("authorization_code"), Is.Zero);
        }

        _server.ResetCounters();
        Assert.That(_server.Calls(Operations.CreateToken) + _server.TokenCalls("device_code"), Is.Zero);
    }

    /// <summary>The exception a call ends in, or null when it succeeds.</summary>
    private static async Task<Exception?> OutcomeOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private Task<GetRoleCredentialsResponse> GetRoleCredentialsAsync(AmazonSSOClient sso) =>
        sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
        {
            AccessToken = _token.AccessToken,
            AccountId = "111122223333",
            RoleName = "ReadOnly",
        });
}
