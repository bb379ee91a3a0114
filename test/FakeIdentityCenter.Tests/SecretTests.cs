using Amazon.SSO.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>Every secret carries the leak marker and is listed in IssuedSecrets; identifiers do not.</summary>
public sealed class SecretTests
{
    [Test]
    public async Task Every_secret_is_marked_and_listed()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { AutoApprove = true });
        using var oidc = SdkClients.Oidc(server);
        using var sso = SdkClients.Portal(server);
        using var browser = TestSupport.NoRedirectHttpClient();

        var deviceClient = await TestSupport.RegisterAsync(oidc, TestSupport.DeviceGrants);
        var device = await TestSupport.StartDeviceAsync(oidc, deviceClient);
        await browser.GetStringAsync(new Uri(device.VerificationUriComplete));
        var token = await TestSupport.PollAsync(oidc, deviceClient, device.DeviceCode);
        var refreshed = await TestSupport.RefreshAsync(oidc, deviceClient.ClientId, deviceClient.ClientSecret, token.RefreshToken);
        var credentials = (await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
        {
            AccessToken = refreshed.AccessToken,
            AccountId = "111122223333",
            RoleName = "ReadOnly",
        })).RoleCredentials;

        var pkceClient = await TestSupport.RegisterAsync(oidc, TestSupport.PkceGrants, [TestSupport.RegisteredRedirectUri]);
        var verifier = TestSupport.NewCodeVerifier();
        using var authorize = await browser.GetAsync(new Uri(
            $"{server.Endpoint}/authorize?response_type=code&client_id={pkceClient.ClientId}"
            + $"&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:5000/oauth/callback")}&state=s"
            + $"&code_challenge_method=S256&code_challenge={Pkce.S256Challenge(verifier)}"));
        var code = TestSupport.QueryOf(authorize.Headers.Location!)["code"];

        var expected = new[]
        {
            deviceClient.ClientSecret, device.DeviceCode, token.AccessToken, token.RefreshToken,
            refreshed.AccessToken, refreshed.RefreshToken, credentials.SecretAccessKey, credentials.SessionToken,
            pkceClient.ClientSecret, code,
        };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.IssuedSecrets, Is.EquivalentTo(expected));
            Assert.That(server.IssuedSecrets, Has.All.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(new[] { deviceClient.ClientId, device.UserCode, credentials.AccessKeyId }, Has.None.Contain(FakeIdentityCenterServer.LeakMarker));
        }
    }
}
