using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SSO.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>The <c>/__fake/</c> control API that scripts use against the runnable host.</summary>
public sealed class ControlApiTests
{
    private FakeIdentityCenterServer _server = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await FakeIdentityCenterServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Seeded_token_works_on_the_portal()
    {
        using var answer = await _http.PostAsync(new Uri("/__fake/token?lifetime=600", UriKind.Relative), null);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var seeded = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var root = seeded.RootElement;
        var accessToken = root.GetProperty("accessToken").GetString()!;
        var expiresAt = DateTimeOffset.Parse(root.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("clientId").GetString(), Is.EqualTo(_server.Clients.Single().ClientId));
            Assert.That(root.GetProperty("clientSecret").GetString(), Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(root.GetProperty("refreshToken").GetString(), Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(root.GetProperty("registrationExpiresAt").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(expiresAt, Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(10)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(_server.Clients.Single().GrantTypes, Is.EqualTo(TestSupport.PkceGrants));
        }

        using var sso = SdkClients.Portal(_server);
        var accounts = await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = accessToken });
        Assert.That(accounts.AccountList, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Seeding_without_refresh_for_an_existing_client()
    {
        var client = _server.RegisterClient([], [], issuerUrl: null);

        using var answer = await _http.PostAsync(new Uri($"/__fake/token?client_id={client.ClientId}&refresh=false", UriKind.Relative), null);
        using var seeded = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());

        Assert.That(seeded.RootElement.TryGetProperty("refreshToken", out _), Is.False);
        Assert.That(seeded.RootElement.GetProperty("clientId").GetString(), Is.EqualTo(client.ClientId));
    }

    [Test]
    public async Task Fault_calls_and_reset()
    {
        using (var injected = await _http.PostAsync(new Uri("/__fake/fault?operation=ListAccounts&kind=Unauthorized401&times=1", UriKind.Relative), null))
        {
            Assert.That(injected.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var sso = SdkClients.Portal(_server);
        Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = "any" }));

        var calls = await _http.GetFromJsonAsync<JsonElement>(new Uri("/__fake/calls", UriKind.Relative));
        Assert.That(calls.GetProperty("calls").GetProperty("ListAccounts").GetInt32(), Is.EqualTo(1));

        using (var reset = await _http.PostAsync(new Uri("/__fake/reset", UriKind.Relative), null))
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(_server.Calls(Operations.ListAccounts), Is.Zero);

        using var bad = await _http.PostAsync(new Uri("/__fake/fault?operation=ListAccounts&kind=NoSuchKind", UriKind.Relative), null);
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("InternalError500"));
    }

    [Test]
    public async Task Approve_by_user_code_or_all_pending()
    {
        using var oidc = SdkClients.Oidc(_server);
        var client = await TestSupport.RegisterAsync(oidc);
        var first = await TestSupport.StartDeviceAsync(oidc, client);
        var second = await TestSupport.StartDeviceAsync(oidc, client);

        var last = await _http.GetFromJsonAsync<JsonElement>(new Uri("/__fake/last-user-code", UriKind.Relative));
        Assert.That(last.GetProperty("userCode").GetString(), Is.EqualTo(second.UserCode));

        using (var one = await _http.PostAsync(new Uri($"/__fake/approve?user_code={first.UserCode}", UriKind.Relative), null))
        {
            Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That((await TestSupport.PollAsync(oidc, client, first.DeviceCode)).AccessToken, Is.Not.Null);

        var all = await (await _http.PostAsync(new Uri("/__fake/approve", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(all.GetProperty("approved").GetInt32(), Is.EqualTo(1));
        Assert.That((await TestSupport.PollAsync(oidc, client, second.DeviceCode)).AccessToken, Is.Not.Null);

        using var unknown = await _http.PostAsync(new Uri("/__fake/approve?user_code=NOPE-NOPE", UriKind.Relative), null);
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Secrets_revoke_and_settings()
    {
        using var seededAnswer = await _http.PostAsync(new Uri("/__fake/token", UriKind.Relative), null);
        var seeded = await seededAnswer.Content.ReadFromJsonAsync<JsonElement>();
        var accessToken = seeded.GetProperty("accessToken").GetString()!;

        var secrets = await _http.GetFromJsonAsync<string[]>(new Uri("/__fake/secrets", UriKind.Relative));
        Assert.That(secrets, Does.Contain(accessToken).And.Contain(seeded.GetProperty("clientSecret").GetString()));

        using (await _http.PostAsync(new Uri($"/__fake/revoke?access_token={accessToken}", UriKind.Relative), null))
        {
        }

        using var sso = SdkClients.Portal(_server);
        Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = accessToken }));

        using (var settings = await _http.PostAsync(new Uri("/__fake/settings?deny_authorization=true&auto_approve=true", UriKind.Relative), null))
        {
            Assert.That(settings.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var badSettings = await _http.PostAsync(new Uri("/__fake/settings?auto_approve=maybe", UriKind.Relative), null);
        Assert.That(badSettings.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
