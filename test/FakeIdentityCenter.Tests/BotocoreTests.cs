using System.Globalization;
using System.Text.Json;

namespace FakeIdentityCenter.Tests;

/// <summary>botocore (the AWS CLI's engine) talks to the fake: its own clients, and its own SSO credential provider.</summary>
public sealed class BotocoreTests
{
    private static readonly string ScriptsFolder = Path.Combine(AppContext.BaseDirectory, "Scripts");
    private static readonly string[] DefaultAccountIds = ["111122223333", "444455556666", "777788889999"];
    private static readonly string[] DemoRoles = ["AdministratorAccess", "ReadOnly"];

    [Test]
    public async Task Botocore_clients_speak_to_the_fake()
    {
        await External.RequireBotocoreAsync();
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { AutoApprove = true, PageSize = 1 });

        var run = await External.RunAsync("python3", [Path.Combine(ScriptsFolder, "botocore_wire.py"), server.Endpoint], Isolated());

        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        using var result = JsonDocument.Parse(run.StandardOutput);
        var root = result.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("pending").GetString(), Is.EqualTo("AuthorizationPendingException"));
            Assert.That(root.GetProperty("tokenType").GetString(), Is.EqualTo("Bearer"));
            Assert.That(root.GetProperty("expiresIn").GetInt32(), Is.EqualTo(8 * 3600));
            Assert.That(root.GetProperty("reusedRefresh").GetString(), Is.EqualTo("InvalidGrantException"));
            Assert.That(root.GetProperty("accessKeyId").GetString(), Does.Match("^ASIA[A-Z2-7]{16}$"));
            Assert.That(
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("expiration").GetInt64()),
                Is.EqualTo(DateTimeOffset.UtcNow.AddHours(1)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(root.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(DefaultAccountIds));
            Assert.That(root.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(DemoRoles));
            Assert.That(root.GetProperty("forbidden").GetString(), Is.EqualTo("ForbiddenException"));
            Assert.That(root.GetProperty("afterLogout").GetString(), Is.EqualTo("UnauthorizedException"));
            Assert.That(server.Calls(Operations.ListAccounts), Is.EqualTo(3 + 1));
            Assert.That(server.TokenCalls("device_code"), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Botocore_sso_provider_refreshes_the_cached_token_and_gets_role_credentials()
    {
        await External.RequireBotocoreAsync();
        await using var server = await FakeIdentityCenterServer.StartAsync();
        var client = server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);
        var token = server.IssueToken(client.ClientId, TimeSpan.FromMinutes(5), withRefreshToken: true);

        var home = Directory.CreateTempSubdirectory("fake-ic-home-");
        try
        {
            var config = Path.Combine(home.FullName, ".aws", "config");
            Directory.CreateDirectory(Path.GetDirectoryName(config)!);
            await File.WriteAllTextAsync(config, $"""
                [profile fake]
                sso_session = fake
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [sso-session fake]
                sso_start_url = {TestSupport.StartUrl}
                sso_region = us-east-1
                sso_registration_scopes = {TestSupport.Scope}
                """);
            var cacheEntry = JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["startUrl"] = TestSupport.StartUrl,
                ["region"] = "us-east-1",
                ["accessToken"] = token.AccessToken,
                ["expiresAt"] = Rfc3339(token.ExpiresAt),
                ["clientId"] = client.ClientId,
                ["clientSecret"] = client.ClientSecret,
                ["registrationExpiresAt"] = Rfc3339(client.ExpiresAt),
                ["refreshToken"] = token.RefreshToken,
            });

            var environment = Isolated();
            environment["HOME"] = home.FullName;
            environment["AWS_CONFIG_FILE"] = config;
            environment["AWS_ENDPOINT_URL_SSO"] = server.Endpoint;
            environment["AWS_ENDPOINT_URL_SSO_OIDC"] = server.Endpoint;
            environment["FAKE_SSO_TOKEN"] = cacheEntry;
            var run = await External.RunAsync("python3", [Path.Combine(ScriptsFolder, "botocore_sso_provider.py")], environment);

            Assert.That(run.ExitCode, Is.Zero, run.StandardError);
            using var result = JsonDocument.Parse(run.StandardOutput);
            var root = result.RootElement;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(root.GetProperty("accessKey").GetString(), Does.StartWith("ASIA"));
                Assert.That(root.GetProperty("cachedAccessToken").GetString(), Is.Not.EqualTo(token.AccessToken).And.Contain(FakeIdentityCenterServer.LeakMarker));
                Assert.That(root.GetProperty("cachedRefreshToken").GetString(), Is.Not.EqualTo(token.RefreshToken).And.Contain(FakeIdentityCenterServer.LeakMarker));
                Assert.That(server.TokenCalls("refresh_token"), Is.EqualTo(1));
                Assert.That(server.Calls(Operations.GetRoleCredentials), Is.EqualTo(1));
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>No ambient AWS configuration leaks into the child.</summary>
    private static Dictionary<string, string?> Isolated() => new()
    {
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_PROFILE"] = null,
        ["AWS_DEFAULT_PROFILE"] = null,
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_ENDPOINT_URL_SSO"] = null,
        ["AWS_ENDPOINT_URL_SSO_OIDC"] = null,
        ["PYTHONWARNINGS"] = "ignore",
    };
}
