using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;

namespace Ssocred.Aws;

/// <summary>The OIDC API of IAM Identity Center (AWSSDK.SSOOIDC): registrations and tokens.</summary>
internal sealed class SsoOidc(SsoEndpoints endpoints, ILog log) : IDisposable
{
    public const string RefreshTokenGrant = "refresh_token";

    private AmazonSSOOIDCClient? _client;

    private AmazonSSOOIDCClient Client => _client ??= AwsClientFactory.CreateOidc(endpoints);

    /// <summary>CreateToken with grant refresh_token.</summary>
    /// <exception cref="GrantRejectedException">The service refused the refresh token or client.</exception>
    public Task<TokenGrant> RefreshAsync(string clientId, Secret clientSecret, Secret refreshToken, CancellationToken cancellationToken)
    {
        log.Debug("refreshing the SSO token (CreateToken, grant {Grant}, client {ClientId})", RefreshTokenGrant, clientId);
        return CreateTokenAsync(
            new CreateTokenRequest
            {
                ClientId = clientId,
                ClientSecret = clientSecret.Reveal(),
                GrantType = RefreshTokenGrant,
                RefreshToken = refreshToken.Reveal(),
            },
            cancellationToken);
    }

    private async Task<TokenGrant> CreateTokenAsync(CreateTokenRequest request, CancellationToken cancellationToken)
    {
        CreateTokenResponse response;
        try
        {
            response = await Client.CreateTokenAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidGrantException or InvalidClientException or ExpiredTokenException
                                      or UnauthorizedClientException or AccessDeniedException or InvalidRequestException)
        {
            throw new GrantRejectedException(((AmazonSSOOIDCException)e).ErrorCode, e);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw AwsCallFailure.Describe("CreateToken", endpoints.OidcUrl, e);
        }

        if (string.IsNullOrEmpty(response.AccessToken) || response.ExpiresIn is not > 0)
        {
            throw new SsocredException("CreateToken answered without a token", "try again later");
        }

        return new TokenGrant(new Secret(response.AccessToken), TimeSpan.FromSeconds(response.ExpiresIn.Value), Secret.FromNullable(response.RefreshToken));
    }

    public void Dispose() => _client?.Dispose();
}

/// <summary>What CreateToken grants: a token for ExpiresIn, and perhaps a new refresh token.</summary>
internal sealed record TokenGrant(Secret AccessToken, TimeSpan ExpiresIn, Secret? RefreshToken);

/// <summary>The service refused a grant (invalid_grant, invalid_client, …): a sign-in is needed.</summary>
internal sealed class GrantRejectedException(string errorCode, Exception inner)
    : SsocredException($"IAM Identity Center refused the grant ({errorCode})", inner: inner)
{
    public string ErrorCode { get; } = errorCode;
}
