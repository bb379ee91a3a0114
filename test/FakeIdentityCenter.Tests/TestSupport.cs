using System.Buffers.Text;
using System.Security.Cryptography;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>Small helpers shared by the tests: sign-ins through the real SDK, PKCE values, a no-redirect HttpClient.</summary>
internal static class TestSupport
{
    public const string StartUrl = "https://example.awsapps.com/start";
    public const string Scope = "sso:account:access";
    public const string RegisteredRedirectUri = "http://127.0.0.1/oauth/callback";

    public static readonly List<string> DeviceGrants = [GrantTypes.DeviceCode, GrantTypes.RefreshToken];
    public static readonly List<string> PkceGrants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];

    public static HttpClient NoRedirectHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public static string NewCodeVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static Task<RegisterClientResponse> RegisterAsync(IAmazonSSOOIDC oidc, List<string>? grantTypes = null, List<string>? redirectUris = null) =>
        oidc.RegisterClientAsync(new RegisterClientRequest
        {
            ClientName = "fake-tests",
            ClientType = "public",
            Scopes = [Scope],
            GrantTypes = grantTypes,
            RedirectUris = redirectUris,
            IssuerUrl = grantTypes is null ? null : StartUrl,
        });

    public static Task<StartDeviceAuthorizationResponse> StartDeviceAsync(IAmazonSSOOIDC oidc, RegisterClientResponse client) =>
        oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            StartUrl = StartUrl,
        });

    public static Task<CreateTokenResponse> PollAsync(IAmazonSSOOIDC oidc, RegisterClientResponse client, string deviceCode) =>
        oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            GrantType = GrantTypes.DeviceCode,
            DeviceCode = deviceCode,
        });

    public static Task<CreateTokenResponse> RefreshAsync(IAmazonSSOOIDC oidc, string clientId, string clientSecret, string refreshToken) =>
        oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            GrantType = GrantTypes.RefreshToken,
            RefreshToken = refreshToken,
        });

    /// <summary>A whole device-code sign-in through the SDK, approved through the control method.</summary>
    public static async Task<(RegisterClientResponse Client, CreateTokenResponse Token)> DeviceSignInAsync(
        FakeIdentityCenterServer server, IAmazonSSOOIDC oidc, List<string>? grantTypes = null)
    {
        var client = await RegisterAsync(oidc, grantTypes);
        var device = await StartDeviceAsync(oidc, client);
        server.ApproveDevice(device.UserCode);
        return (client, await PollAsync(oidc, client, device.DeviceCode));
    }

    /// <summary>Query parameters of a URL, decoded.</summary>
    public static Dictionary<string, string> QueryOf(Uri url) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query)
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
