using Amazon.SSO;
using Amazon.SSO.Model;
using Ssocred.Caching;
using RoleCredentials = Ssocred.Caching.RoleCredentials;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;

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
        try
        {
            response = await Client.GetRoleCredentialsAsync(
                new GetRoleCredentialsRequest { AccessToken = accessToken.Reveal(), AccountId = role.AccountId, RoleName = role.RoleName },
                cancellationToken).ConfigureAwait(false);
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
            throw AwsCallFailure.Describe("GetRoleCredentials", endpoints.PortalUrl, e);
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

    public void Dispose() => _client?.Dispose();
}

/// <summary>The service refused the SSO token as not valid (401), whatever its cached expiry says.</summary>
internal sealed class TokenRejectedException(string operation, Exception inner)
    : SsocredException($"{operation}: IAM Identity Center refused the SSO token", inner: inner);
