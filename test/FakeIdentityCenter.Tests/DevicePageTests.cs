using System.Net;
using Amazon.SSOOIDC.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>The verification pages a person (or a stand-in browser) opens during the device code flow.</summary>
public sealed class DevicePageTests
{
    [Test]
    public async Task Opening_the_page_shows_the_code_and_approving_through_the_form_completes_the_sign_in()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        using var browser = TestSupport.NoRedirectHttpClient();
        var client = await TestSupport.RegisterAsync(oidc);
        var device = await TestSupport.StartDeviceAsync(oidc, client);

        var page = await browser.GetStringAsync(new Uri(device.VerificationUriComplete));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page, Does.Contain(device.UserCode).And.Contain("action=\"/device/approve\""));
            Assert.That(server.Calls(Operations.VerifyDevice), Is.EqualTo(1));
        }

        Assert.ThrowsAsync<AuthorizationPendingException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));

        using var form = new FormUrlEncodedContent([new("user_code", device.UserCode)]);
        using var approved = await browser.PostAsync(new Uri($"{server.Endpoint}/device/approve"), form);
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await TestSupport.PollAsync(oidc, client, device.DeviceCode)).AccessToken, Is.Not.Null);
    }

    [Test]
    public async Task In_auto_approve_mode_opening_the_URL_is_enough()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { AutoApprove = true });
        using var oidc = SdkClients.Oidc(server);
        using var browser = TestSupport.NoRedirectHttpClient();
        var client = await TestSupport.RegisterAsync(oidc);
        var device = await TestSupport.StartDeviceAsync(oidc, client);

        using var page = await browser.GetAsync(new Uri(device.VerificationUriComplete));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await TestSupport.PollAsync(oidc, client, device.DeviceCode)).AccessToken, Is.Not.Null);
    }

    [Test]
    public async Task The_deny_button_denies()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var oidc = SdkClients.Oidc(server);
        using var browser = TestSupport.NoRedirectHttpClient();
        var client = await TestSupport.RegisterAsync(oidc);
        var device = await TestSupport.StartDeviceAsync(oidc, client);

        using var form = new FormUrlEncodedContent([new("user_code", device.UserCode)]);
        using var denied = await browser.PostAsync(new Uri($"{server.Endpoint}/device/deny"), form);

        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.ThrowsAsync<AccessDeniedException>(() => TestSupport.PollAsync(oidc, client, device.DeviceCode));
    }

    [Test]
    public async Task Unknown_codes_get_a_not_found_page_and_the_bare_page_asks_for_a_code()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { AutoApprove = true });
        using var browser = TestSupport.NoRedirectHttpClient();

        using var unknown = await browser.GetAsync(new Uri($"{server.Endpoint}/device?user_code=%3Cscript%3E"));
        var bare = await browser.GetStringAsync(new Uri($"{server.Endpoint}/device"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Not.Contain("<script>"));
            Assert.That(bare, Does.Contain("name=\"user_code\""));
        }
    }
}
