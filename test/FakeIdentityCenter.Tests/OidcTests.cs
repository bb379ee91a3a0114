using System.Net;
using Amazon.SSOOIDC.Model;
using Microsoft.Extensions.Time.Testing;

namespace FakeIdentityCenter.Tests;

/// <summary>The SSO OIDC API as the real AmazonSSOOIDCClient sees it.</summary>
public sealed class OidcTests
{
    [Test]
    public async Task RegisterClient_answers_id_secret_times_and_endpoints()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);

        var client = await TestSupport.RegisterAsync(oidc, TestSupport.PkceGrants, [TestSupport.RegisteredRedirectUri]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(client.ClientId, Is.Not.Empty.And.Not.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(client.ClientSecret, Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(client.ClientSecretExpiresAt - client.ClientIdIssuedAt, Is.EqualTo((long)TimeSpan.FromDays(90).TotalSeconds));
            Assert.That(DateTimeOffset.FromUnixTimeSeconds(client.ClientIdIssuedAt.GetValueOrDefault()), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(client.AuthorizationEndpoint, Is.EqualTo($"{server.Endpoint}/authorize"));
            Assert.That(client.TokenEndpoint, Is.EqualTo($"{server.Endpoint}/token"));
            var remembered = server.Clients.Single();
            Assert.That(remembered.ClientId, Is.EqualTo(client.ClientId));
            Assert.That(remembered.GrantTypes, Is.EqualTo(TestSupport.PkceGrants));
            Assert.That(remembered.RedirectUris, Is.EqualTo(new[] { TestSupport.RegisteredRedirectUri }));
            Assert.That(remembered.Scopes, Is.EqualTo(new[] { TestSupport.Scope }));
            Assert.That(remembered.IssuerUrl, Is.EqualTo(TestSupport.StartUrl));
            Assert.That(server.Calls(Operations.RegisterClient), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task RegisterClient_rejects_bad_metadata()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);

        Assert.ThrowsAsync<InvalidClientMetadataException>(() =>
            oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = "x", ClientType = "confidential" }));
        Assert.ThrowsAsync<InvalidRedirectUriException>(() => TestSupport.RegisterAsync(oidc, TestSupport.PkceGrants));
        Assert.ThrowsAsync<UnsupportedGrantTypeException>(() => TestSupport.RegisterAsync(oidc, ["implicit"]));
    }

    [Test]
    public async Task Device_flow_is_pending_until_approved_and_legacy_clients_get_no_refresh_token()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        var client = await TestSupport.RegisterAsync(oidc);

        var device = await TestSupport.StartDeviceAsync(oidc, client);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(device.UserCode, Does.Match("^[A-Z]{4}-[A-Z]{4}$"));
            Assert.That(device.DeviceCode, Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(device.VerificationUri, Is.EqualTo($"{server.Endpoint}/device"));
            Assert.That(device.VerificationUriComplete, Is.EqualTo($"{server.Endpoint}/device?user_code={device.UserCode}"));
            Assert.That(device.ExpiresIn, Is.EqualTo(600));
            Assert.That(device.Interval, Is.EqualTo(1));
            Assert.That(server.LastUserCode, Is.EqualTo(device.UserCode));
        }

        var pending = Assert.ThrowsAsync<AuthorizationPendingException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pending.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(pending.ErrorCode, Is.EqualTo("AuthorizationPendingException"));
            Assert.That(pending.Error, Is.EqualTo("authorization_pending"));
            Assert.That(pending.Error_description, Is.Not.Empty);
        }

        server.ApproveDevice(device.UserCode);
        var token = await TestSupport.PollAsync(oidc, client, device.DeviceCode);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.AccessToken, Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(token.TokenType, Is.EqualTo("Bearer"));
            Assert.That(token.ExpiresIn, Is.EqualTo(8 * 3600));
            Assert.That(token.RefreshToken, Is.Null, "the legacy device flow (no grantTypes registered) gets no refresh token");
        }

        Assert.ThrowsAsync<InvalidGrantException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode), "a device code is single-use");
        Assert.That(server.TokenCalls("device_code"), Is.EqualTo(3));
    }

    [Test]
    public async Task Device_flow_with_refresh_grant_gets_refresh_token()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);

        var (_, token) = await TestSupport.DeviceSignInAsync(server, oidc, TestSupport.DeviceGrants);

        Assert.That(token.RefreshToken, Does.Contain(FakeIdentityCenterServer.LeakMarker));
    }

    [Test]
    public async Task Denied_device_answers_access_denied()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        var client = await TestSupport.RegisterAsync(oidc);
        var device = await TestSupport.StartDeviceAsync(oidc, client);

        server.DenyDevice(device.UserCode);

        var denied = Assert.ThrowsAsync<AccessDeniedException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
        Assert.That(denied.Error, Is.EqualTo("access_denied"));
    }

    [Test]
    public async Task Expired_device_code_answers_expired_token()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { TimeProvider = clock });
        using var oidc = SdkClients.Oidc(server);
        var client = await TestSupport.RegisterAsync(oidc);
        var device = await TestSupport.StartDeviceAsync(oidc, client);

        clock.Advance(TimeSpan.FromSeconds(601));

        var expired = Assert.ThrowsAsync<ExpiredTokenException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
        Assert.That(expired.Error, Is.EqualTo("expired_token"));
        Assert.Throws<ArgumentException>(() => server.ApproveDevice(device.UserCode));
    }

    [Test]
    public async Task Polling_faster_than_the_interval_answers_slow_down_and_every_later_poll_waits_five_seconds_more()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { TimeProvider = clock, EnforceSlowDown = true });
        using var oidc = SdkClients.Oidc(server);
        var client = await TestSupport.RegisterAsync(oidc);
        var device = await TestSupport.StartDeviceAsync(oidc, client);

        Assert.ThrowsAsync<AuthorizationPendingException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
        var slowDown = Assert.ThrowsAsync<SlowDownException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
        Assert.That(slowDown.Error, Is.EqualTo("slow_down"));

        // The interval is now 1 + 5 s: waiting the old interval is still too fast.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.ThrowsAsync<SlowDownException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.ThrowsAsync<AuthorizationPendingException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
        Assert.That(server.Calls(Operations.CreateToken), Is.EqualTo(4), "SlowDownException is not retried by the SDK");
    }

    [Test]
    public async Task Wrong_secret_unknown_client_and_expired_registration_answer_invalid_client()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { TimeProvider = clock });
        using var oidc = SdkClients.Oidc(server);
        var client = await TestSupport.RegisterAsync(oidc);

        var wrongSecret = Assert.ThrowsAsync<InvalidClientException>(() =>
            TestSupport.StartDeviceAsync(oidc, new RegisterClientResponse { ClientId = client.ClientId, ClientSecret = "nope" }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wrongSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrongSecret.Error, Is.EqualTo("invalid_client"));
        }

        Assert.ThrowsAsync<InvalidClientException>(() =>
            TestSupport.StartDeviceAsync(oidc, new RegisterClientResponse { ClientId = "unknown", ClientSecret = client.ClientSecret }));

        clock.Advance(TimeSpan.FromDays(90));
        Assert.ThrowsAsync<InvalidClientException>(() => TestSupport.StartDeviceAsync(oidc, client));
        Assert.That(server.Calls(Operations.StartDeviceAuthorization), Is.EqualTo(3), "4xx answers are not retried");
    }

    [Test]
    public async Task Refresh_tokens_rotate()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        var (client, first) = await TestSupport.DeviceSignInAsync(server, oidc, TestSupport.DeviceGrants);

        var second = await TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, first.RefreshToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.AccessToken, Is.Not.EqualTo(first.AccessToken));
            Assert.That(second.RefreshToken, Is.Not.Null.And.Not.EqualTo(first.RefreshToken));
            Assert.That(second.ExpiresIn, Is.EqualTo(8 * 3600));
        }

        var reused = Assert.ThrowsAsync<InvalidGrantException>(() =>
            TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, first.RefreshToken));
        Assert.That(reused.Error, Is.EqualTo("invalid_grant"));

        var third = await TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, second.RefreshToken);
        Assert.That(third.RefreshToken, Is.Not.EqualTo(second.RefreshToken));
        Assert.That(server.TokenCalls("refresh_token"), Is.EqualTo(3));
    }

    [Test]
    public async Task Concurrent_refreshes_with_one_refresh_token_break_the_session()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        var client = server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);
        var token = server.IssueToken(client.ClientId, TimeSpan.FromHours(1), withRefreshToken: true);

        var attempts = Enumerable.Range(0, 4)
            .Select(_ => TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, token.RefreshToken!))
            .ToList();
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (InvalidGrantException)
        {
            // Expected for all but one.
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempts.Count(t => t.IsCompletedSuccessfully), Is.EqualTo(1));
            Assert.That(attempts.Count(t => t.Exception?.InnerException is InvalidGrantException), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Expired_refresh_tokens_answer_invalid_grant()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        var client = server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);
        var token = server.IssueToken(client.ClientId, TimeSpan.FromHours(1), withRefreshToken: true);

        server.ExpireRefreshTokens();

        Assert.ThrowsAsync<InvalidGrantException>(() =>
            TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, token.RefreshToken!));
    }

    [Test]
    public async Task Refresh_needs_the_refresh_grant()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        var client = server.RegisterClient([GrantTypes.AuthorizationCode], [TestSupport.Scope], TestSupport.StartUrl);
        var token = server.IssueToken(client.ClientId, TimeSpan.FromHours(1), withRefreshToken: true);

        Assert.ThrowsAsync<UnauthorizedClientException>(() =>
            TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, token.RefreshToken!));
    }
}
