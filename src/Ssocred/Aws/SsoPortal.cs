using Amazon.SSO;
using Amazon.SSO.Model;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using RoleCredentials = Ssocred.Credentials.RoleCredentials;

namespace Ssocred.Aws;

/// <summary>The AWS access portal API (AWSSDK.SSO): role credentials, accounts, roles, logout.</summary>
internal sealed class SsoPortal(SsoEndpoints endpoints, ILog log) : IDisposable
{
    private AmazonSSOClient? _client;

    private AmazonSSOClient Client => _client ??= AwsClientFactory.CreatePortal(endpoints);

    /// <exception cref="TokenRejectedException">401: the token is not (or no longer) valid.</exception>
    public async Task<RoleCredentials> GetRoleCredentialsAsync(Secret accessToken, RoleTarget role, CancellationToken cancellationToken)
    {
        log.Debug("GetRoleCredentials for role {RoleName} in account {AccountId}", role.RoleName, role.AccountId);
        GetRoleCredentialsResponse response;
        using var budget = AwsClientFactory.Budget(cancellationToken);
        try
        {
            response = await Client.GetRoleCredentialsAsync(
                new GetRoleCredentialsRequest { AccessToken = accessToken.Reveal(), AccountId = role.AccountId, RoleName = role.RoleName },
                budget.Token).ConfigureAwait(false);
        }
        catch (UnauthorizedException e)
        {
            throw new TokenRejectedException("GetRoleCredentials", e);
        }
        catch (AmazonSSOException e) when (e.ErrorCode == "ForbiddenException" || e.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            throw new SsocredException(
                $"IAM Identity Center does not let this sign-in use role '{role.RoleName}' in account {role.AccountId} (ForbiddenException)",
                "check sso_account_id and sso_role_name (ssocred list shows what you may use), or ask your administrator for access",
                inner: e);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw AwsCallFailure.Describe("GetRoleCredentials", AwsClientFactory.TryPortalEndpoint(endpoints), e);
        }

        return response.RoleCredentials is
        {
            AccessKeyId: { Length: > 0 } id,
            SecretAccessKey: { Length: > 0 } secret,
            SessionToken: { Length: > 0 } session,
            Expiration: { } expiration,
        }
            ? new RoleCredentials(id, new Secret(secret), new Secret(session), DateTimeOffset.FromUnixTimeMilliseconds(expiration))
            : throw new SsocredException("GetRoleCredentials answered without complete credentials", "try again later");
    }

    /// <summary>Every account the sign-in may use, all pages (ListAccounts).</summary>
    public async Task<IReadOnlyList<PortalAccount>> ListAccountsAsync(Secret accessToken, CancellationToken cancellationToken)
    {
        var accounts = new List<PortalAccount>();
        string? next = null;
        do
        {
            var page = await CallAsync(
                "ListAccounts",
                token => Client.ListAccountsAsync(new ListAccountsRequest { AccessToken = accessToken.Reveal(), NextToken = next }, token),
                cancellationToken).ConfigureAwait(false);
            accounts.AddRange((page.AccountList ?? []).Select(a => new PortalAccount(a.AccountId ?? string.Empty, a.AccountName ?? string.Empty, a.EmailAddress ?? string.Empty)));
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return accounts;
    }

    /// <summary>The roles the sign-in may use in one account, all pages (ListAccountRoles).</summary>
    public async Task<IReadOnlyList<string>> ListAccountRolesAsync(Secret accessToken, string accountId, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        string? next = null;
        do
        {
            var page = await CallAsync(
                "ListAccountRoles",
                token => Client.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = accessToken.Reveal(), AccountId = accountId, NextToken = next }, token),
                cancellationToken).ConfigureAwait(false);
            roles.AddRange((page.RoleList ?? []).Select(r => r.RoleName).OfType<string>());
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return roles;
    }

    /// <summary>Ends the sign-in on the service side (Logout): the token and its refresh token die.</summary>
    public Task LogoutAsync(Secret accessToken, CancellationToken cancellationToken) =>
        CallAsync("Logout", token => Client.LogoutAsync(new LogoutRequest { AccessToken = accessToken.Reveal() }, token), cancellationToken);

    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var budget = AwsClientFactory.Budget(cancellationToken);
        try
        {
            return await call(budget.Token).ConfigureAwait(false);
        }
        catch (UnauthorizedException e)
        {
            throw new TokenRejectedException(operation, e);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw AwsCallFailure.Describe(operation, AwsClientFactory.TryPortalEndpoint(endpoints), e);
        }
    }

    public void Dispose() => _client?.Dispose();
}

/// <summary>An AWS account as the access portal lists it.</summary>
internal sealed record PortalAccount(string AccountId, string AccountName, string EmailAddress);

/// <summary>The service refused the SSO token as not valid (401), whatever its cached expiry says.</summary>
internal sealed class TokenRejectedException(string operation, Exception inner)
    : SsocredException($"{operation}: IAM Identity Center refused the SSO token", inner: inner);
