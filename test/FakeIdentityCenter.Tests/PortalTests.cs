using System.Net;
using Amazon.SSO;
using Amazon.SSO.Model;

namespace FakeIdentityCenter.Tests;

/// <summary>The SSO portal API as the real AmazonSSOClient sees it.</summary>
public sealed class PortalTests
{
    [Test]
    public async Task GetRoleCredentials_answers_temporary_credentials_expiring_in_epoch_milliseconds()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var sso = SdkClients.Portal(server);
        var token = SeedToken(server);

        var response = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
        {
            AccessToken = token.AccessToken,
            AccountId = "111122223333",
            RoleName = "AdministratorAccess",
        });

        var credentials = response.RoleCredentials;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(credentials.AccessKeyId, Does.Match("^ASIA[A-Z2-7]{16}$"));
            Assert.That(credentials.SecretAccessKey, Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(credentials.SessionToken, Does.Contain(FakeIdentityCenterServer.LeakMarker));
            Assert.That(
                DateTimeOffset.FromUnixTimeMilliseconds(credentials.Expiration.GetValueOrDefault()),
                Is.EqualTo(DateTimeOffset.UtcNow.AddHours(1)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(server.Calls(Operations.GetRoleCredentials), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Access_key_ids_are_unique()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var sso = SdkClients.Portal(server);
        var token = SeedToken(server);

        var ids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
            {
                AccessToken = token.AccessToken,
                AccountId = "444455556666",
                RoleName = "ReadOnly",
            });
            ids.Add(response.RoleCredentials.AccessKeyId);
        }

        Assert.That(ids, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Revoked_unknown_and_expired_tokens_answer_unauthorized()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var sso = SdkClients.Portal(server);
        var revoked = SeedToken(server);
        server.RevokeAccessToken(revoked.AccessToken);
        var expired = server.IssueToken(revoked.ClientId, TimeSpan.Zero, withRefreshToken: false);

        foreach (var token in new[] { revoked.AccessToken, "aoa_unknown", expired.AccessToken })
        {
            var unauthorized = Assert.ThrowsAsync<UnauthorizedException>(() => sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
            {
                AccessToken = token,
                AccountId = "111122223333",
                RoleName = "ReadOnly",
            }));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(unauthorized.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
                Assert.That(unauthorized.Message, Is.EqualTo("Session token not found or invalid"));
            }
        }

        Assert.That(server.Calls(Operations.GetRoleCredentials), Is.EqualTo(3), "401 is not retried");
    }

    [TestCase("111122223333", "PowerUserAccess")]
    [TestCase("999999999999", "ReadOnly")]
    public async Task Unassigned_account_or_role_answers_forbidden_without_retries(string accountId, string roleName)
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var sso = SdkClients.Portal(server);
        var token = SeedToken(server);

        var forbidden = Assert.ThrowsAsync<AmazonSSOException>(() => sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
        {
            AccessToken = token.AccessToken,
            AccountId = accountId,
            RoleName = roleName,
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(forbidden.ErrorCode, Is.EqualTo("ForbiddenException"));
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(forbidden.Message, Is.EqualTo("No access"));
            Assert.That(server.Calls(Operations.GetRoleCredentials), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ListAccounts_and_roles_page_one_by_one_with_page_size_one()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { PageSize = 1 });
        using var sso = SdkClients.Portal(server);
        var token = SeedToken(server);

        var accounts = new List<AccountInfo>();
        await foreach (var account in sso.Paginators.ListAccounts(new ListAccountsRequest { AccessToken = token.AccessToken }).AccountList)
        {
            accounts.Add(account);
        }

        var roles = new List<RoleInfo>();
        await foreach (var role in sso.Paginators.ListAccountRoles(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = "111122223333" }).RoleList)
        {
            roles.Add(role);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accounts.Select(a => (a.AccountId, a.AccountName, a.EmailAddress)), Is.EqualTo(new[]
            {
                ("111122223333", "Demo", "demo@example.com"),
                ("444455556666", "Sandbox", "sandbox@example.com"),
                ("777788889999", "Production", "production@example.com"),
            }));
            Assert.That(roles.Select(r => (r.AccountId, r.RoleName)), Is.EqualTo(new[]
            {
                ("111122223333", "AdministratorAccess"),
                ("111122223333", "ReadOnly"),
            }));
            Assert.That(server.Calls(Operations.ListAccounts), Is.EqualTo(3));
            Assert.That(server.Calls(Operations.ListAccountRoles), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Max_results_pages_and_the_last_page_has_no_next_token()
    {
        var directory = Enumerable.Range(1, 5)
            .Select(i => new FakeAccount($"00000000000{i}", $"Account {i}", $"a{i}@example.com", ["ReadOnly"]))
            .ToList();
        await using var server = await FakeIdentityCenterServer.StartAsync(new FakeOptions { Accounts = directory });
        using var sso = SdkClients.Portal(server);
        var token = SeedToken(server);

        var first = await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken, MaxResults = 3 });
        var second = await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken, MaxResults = 3, NextToken = first.NextToken });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.AccountList.Select(a => a.AccountId), Is.EqualTo(directory.Take(3).Select(a => a.AccountId)));
            Assert.That(first.NextToken, Is.Not.Null);
            Assert.That(second.AccountList.Select(a => a.AccountId), Is.EqualTo(directory.Skip(3).Select(a => a.AccountId)));
            Assert.That(second.NextToken, Is.Null);
        }

        Assert.ThrowsAsync<InvalidRequestException>(() =>
            sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken, NextToken = "garbage!" }));
    }

    [Test]
    public async Task Logout_ends_the_access_token_and_its_refresh_token()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var sso = SdkClients.Portal(server);
        using var oidc = SdkClients.Oidc(server);
        var client = server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);
        var token = server.IssueToken(client.ClientId, TimeSpan.FromHours(1), withRefreshToken: true);

        await sso.LogoutAsync(new LogoutRequest { AccessToken = token.AccessToken });

        Assert.ThrowsAsync<UnauthorizedException>(() =>
            sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }));
        Assert.ThrowsAsync<Amazon.SSOOIDC.Model.InvalidGrantException>(() =>
            TestSupport.RefreshAsync(oidc, client.ClientId, client.ClientSecret, token.RefreshToken!));
        Assert.ThrowsAsync<UnauthorizedException>(() => sso.LogoutAsync(new LogoutRequest { AccessToken = token.AccessToken }));
        Assert.That(server.Calls(Operations.Logout), Is.EqualTo(2));
        Assert.That(server.LoggedOutTokens, Is.EqualTo(new[] { token.AccessToken }), "only the logout that ended a live token is recorded");
    }

    [Test]
    public async Task Revoke_all_tokens_ends_every_session()
    {
        await using var server = await FakeIdentityCenterServer.StartAsync();
        using var sso = SdkClients.Portal(server);
        var tokens = new[] { SeedToken(server), SeedToken(server) };

        server.RevokeAllTokens();

        foreach (var token in tokens)
        {
            Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }));
        }
    }

    private static IssuedToken SeedToken(FakeIdentityCenterServer server)
    {
        var client = server.RegisterClient([.. TestSupport.PkceGrants], [TestSupport.Scope], TestSupport.StartUrl);
        return server.IssueToken(client.ClientId, TimeSpan.FromHours(8), withRefreshToken: true);
    }
}
