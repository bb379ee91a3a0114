using System.Net;
using Amazon.SSOOIDC.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>The authorization-code sign-in: <c>/authorize</c> in place of the browser, then CreateToken through the SDK.</summary>
public sealed class PkceTests
{
    private const string CallbackUri = "http://127.0.0.1:54321/oauth/callback";
    private const string State = "st ate/+&=é";

    private FakeIdentityCenterServer _server = null!;
    private Amazon.SSOOIDC.AmazonSSOOIDCClient _oidc = null!;
    private HttpClient _browser = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await FakeIdentityCenterServer.StartAsync();
        _oidc = SdkClients.Oidc(_server);
        _browser = TestSupport.NoRedirectHttpClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _browser.Dispose();
        _oidc.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Authorize_redirects_with_code_and_state_and_the_code_buys_a_token_once()
    {
        var client = await RegisterAsync();
        var verifier = TestSupport.NewCodeVerifier();

        using var answer = await _browser.GetAsync(AuthorizeUrl(client.ClientId, CallbackUri, Pkce.S256Challenge(verifier)));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var location = answer.Headers.Location!;
        var query = TestSupport.QueryOf(location);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(CallbackUri));
            Assert.That(query["state"], Is.EqualTo(State));
            Assert.That(query["code"], Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(_server.Calls(Operations.Authorize), Is.EqualTo(1));
        }

        var token = await ExchangeAsync(client, query["code"], CallbackUri, verifier);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.AccessToken, Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(token.RefreshToken, Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(token.TokenType, Is.EqualTo("Bearer"));
            Assert.That(_server.TokenCalls("authorization_code"), Is.EqualTo(1));
        }

        Assert.ThrowsAsync<InvalidGrantException>(() => ExchangeAsync(client, query["code"], CallbackUri, verifier), "codes are single-use");
    }

    [Test]
    public async Task Wrong_verifier_answers_invalid_grant()
    {
        var client = await RegisterAsync();
        var code = await AuthorizeAsync(client, TestSupport.NewCodeVerifier());

        var wrong = Assert.ThrowsAsync<InvalidGrantException>(() => ExchangeAsync(client, code, CallbackUri, TestSupport.NewCodeVerifier()));
        Assert.That(wrong.Error, Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task Redirect_URI_must_match_the_authorize_request()
    {
        var client = await RegisterAsync();
        var verifier = TestSupport.NewCodeVerifier();
        var code = await AuthorizeAsync(client, verifier);

        Assert.ThrowsAsync<InvalidGrantException>(() => ExchangeAsync(client, code, TestSupport.RegisteredRedirectUri, verifier));
    }

    [Test]
    public async Task Denied_authorization_redirects_with_access_denied()
    {
        var client = await RegisterAsync();
        _server.SetDenyAuthorization(true);

        using var answer = await _browser.GetAsync(AuthorizeUrl(client.ClientId, CallbackUri, Pkce.S256Challenge(TestSupport.NewCodeVerifier())));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var query = TestSupport.QueryOf(answer.Headers.Location!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(query["error"], Is.EqualTo("access_denied"));
            Assert.That(query["error_description"], Is.Not.Empty);
            Assert.That(query["state"], Is.EqualTo(State));
            Assert.That(query.ContainsKey("code"), Is.False);
        }
    }

    [Test]
    public async Task Missing_challenge_redirects_with_invalid_request()
    {
        var client = await RegisterAsync();

        using var answer = await _browser.GetAsync(AuthorizeUrl(client.ClientId, CallbackUri, challenge: ""));

        Assert.That(TestSupport.QueryOf(answer.Headers.Location!)["error"], Is.EqualTo("invalid_request"));
    }

    [TestCase("unknown-client", CallbackUri)]
    [TestCase(null, "http://127.0.0.1:54321/elsewhere")]
    [TestCase(null, "http://evil.example/oauth/callback")]
    public async Task Bad_client_or_redirect_URI_shows_a_page_instead_of_redirecting(string? clientId, string redirectUri)
    {
        var client = await RegisterAsync();

        using var answer = await _browser.GetAsync(AuthorizeUrl(clientId ?? client.ClientId, redirectUri, Pkce.S256Challenge(TestSupport.NewCodeVerifier())));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.Headers.Location, Is.Null);
            Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        }
    }

    private Task<RegisterClientResponse> RegisterAsync() =>
        TestSupport.RegisterAsync(_oidc, TestSupport.PkceGrants, [TestSupport.RegisteredRedirectUri]);

    private Uri AuthorizeUrl(string clientId, string redirectUri, string challenge) =>
        new($"{_server.Endpoint}/authorize?response_type=code&client_id={Uri.EscapeDataString(clientId)}"
            + $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={Uri.EscapeDataString(State)}"
            + $"&code_challenge_method=S256&scopes={Uri.EscapeDataString(TestSupport.Scope)}&code_challenge={challenge}");

    private async Task<string> AuthorizeAsync(RegisterClientResponse client, string verifier)
    {
        using var answer = await _browser.GetAsync(AuthorizeUrl(client.ClientId, CallbackUri, Pkce.S256Challenge(verifier)));
        return TestSupport.QueryOf(answer.Headers.Location!)["code"];
    }

    private Task<CreateTokenResponse> ExchangeAsync(RegisterClientResponse client, string code, string redirectUri, string verifier) =>
        _oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            GrantType = GrantTypes.AuthorizationCode,
            Code = code,
            RedirectUri = redirectUri,
            CodeVerifier = verifier,
        });
}
