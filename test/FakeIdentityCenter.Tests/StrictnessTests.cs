using Amazon.SSO.Model;
using Amazon.SSOOIDC.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>
/// What the fake refuses so that a client's mistake cannot pass: a token used with another
/// instance's start URL, a device flow for another start URL, scopes beyond the registration.
/// </summary>
public sealed class StrictnessTests
{
    private const string OtherStartUrl = "https://other.awsapps.com/start";

    [Test]
    public async Task A_token_minted_for_another_start_URL_is_refused_by_the_portal_and_by_refresh()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { StartUrl = TestSupport.StartUrl });
        using var sso = SdkClients.Portal(server);
        using var oidc = SdkClients.Oidc(server);
        var client = server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);
        var own = server.IssueToken(client.ClientId, TimeSpan.FromHours(1), withRefreshToken: true);
        var other = server.IssueToken(client.ClientId, TimeSpan.FromHours(1), withRefreshToken: true, startUrl: OtherStartUrl);

        await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = own.AccessToken });
        Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = other.AccessToken }));
        Assert.ThrowsAsync<UnauthorizedException>(() =>
            sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = other.AccessToken, AccountId = "111122223333", RoleName = "ReadOnly" }));
        Assert.ThrowsAsync<InvalidGrantException>(() => TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, other.RefreshToken!));
        var refreshed = await TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, own.RefreshToken!);
        await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = refreshed.AccessToken });
    }

    [Test]
    public async Task The_device_flow_must_name_the_instances_start_URL_and_its_token_is_tied_to_it()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { StartUrl = OtherStartUrl });
        using var oidc = SdkClients.Oidc(server);
        var client = await TestSupport.RegisterAsync(oidc, TestSupport.DeviceGrants);

        var refused = Assert.ThrowsAsync<Amazon.SSOOIDC.Model.InvalidRequestException>(() => TestSupport.StartDeviceAsync(oidc, client));
        Assert.That(refused.Message, Does.Contain(TestSupport.StartUrl));

        await using var any = await FakeIdentityCenterServer.StartAsync();
        using var anyOidc = SdkClients.Oidc(any);
        using var anySso = SdkClients.Portal(any);
        var (_, token) = await TestSupport.DeviceSignInAsync(any, anyOidc, TestSupport.DeviceGrants);
        await anySso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken });
    }

    [Test]
    public async Task Scopes_must_be_well_formed_registered_and_include_account_access_for_the_portal()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var sso = SdkClients.Portal(server);
        using var oidc = SdkClients.Oidc(server);

        Assert.ThrowsAsync<InvalidScopeException>(() => oidc.RegisterClientAsync(
            new RegisterClientRequest { ClientName = "x", ClientType = "public", Scopes = ["sso account access"] }));

        var client = await TestSupport.RegisterAsync(oidc, TestSupport.DeviceGrants);
        var device = await TestSupport.StartDeviceAsync(oidc, client);
        server.ApproveDevice(device.UserCode);
        Assert.ThrowsAsync<InvalidScopeException>(() => oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            GrantType = GrantTypes.DeviceCode,
            DeviceCode = device.DeviceCode,
            Scope = ["codewhisperer:completions"],
        }));

        var other = server.RegisterClient([.. TestSupport.PkceGrants], ["codewhisperer:completions"], TestSupport.StartUrl);
        var unscopedForAccounts = server.IssueToken(other.ClientId, TimeSpan.FromHours(1), withRefreshToken: false);
        var refused = Assert.ThrowsAsync<UnauthorizedException>(() =>
            sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = unscopedForAccounts.AccessToken }));
        Assert.That(refused.Message, Does.Contain("sso:account:access"));

        var legacy = server.RegisterClient([], [], issuerUrl: null);
        var legacyToken = server.IssueToken(legacy.ClientId, TimeSpan.FromHours(1), withRefreshToken: false);
        await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = legacyToken.AccessToken });
    }

    [Test]
    public async Task Authorize_redirects_with_invalid_scope_for_scopes_the_client_did_not_register()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var browser = TestSupport.NoRedirectHttpClient();
        var client = server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);

        using var answer = await browser.GetAsync(new Uri(
            $"{server.Endpoint}/authorize?response_type=code&client_id={Uri.EscapeDataString(client.ClientId)}"
            + $"&redirect_uri={Uri.EscapeDataString(TestSupport.RegisteredRedirectUri)}&state=s&code_challenge_method=S256"
            + $"&code_challenge={Pkce.S256Challenge(TestSupport.NewCodeVerifier())}&scopes={Uri.EscapeDataString("sso:account:access codewhisperer:completions")}"));

        Assert.That(TestSupport.QueryOf(answer.Headers.Location!)["error"], Is.EqualTo("invalid_scope"));
    }
}
