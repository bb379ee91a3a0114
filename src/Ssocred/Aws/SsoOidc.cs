using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;

namespace Ssocred.Aws;

/// <summary>The OIDC API of IAM Identity Center (AWSSDK.SSOOIDC): registrations and tokens.</summary>
internal sealed class SsoOidc(SsoEndpoints endpoints, ILog log) : IDisposable
{
    public const string RefreshTokenGrant = "refresh_token";
    public const string AuthorizationCodeGrant = "authorization_code";
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>RFC 8628: the interval when the service names none.</summary>
    public static readonly TimeSpan DefaultDeviceInterval = TimeSpan.FromSeconds(5);

    private AmazonSSOOIDCClient? _client;

    private AmazonSSOOIDCClient Client => _client ??= AwsClientFactory.CreateOidc(endpoints);

    /// <summary>
    /// Where the browser's /authorize lives: the OIDC endpoint in use, the override or else the
    /// one the SDK resolves for the region (FIPS and dual-stack included).
    /// </summary>
    public Uri AuthorizationBase()
    {
        if (endpoints.OidcUrl is { } configured)
        {
            return configured;
        }

        try
        {
            return new Uri(Client.DetermineServiceOperationEndpoint(new RegisterClientRequest()).URL);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw AwsCallFailure.Describe("resolving the OIDC endpoint", null, e);
        }
    }

    /// <summary>RegisterClient: a public client for this machine, as the AWS CLI registers one.</summary>
    public async Task<ClientRegistration> RegisterClientAsync(ClientRegistrationRequest request, CancellationToken cancellationToken)
    {
        log.Debug("registering a client (RegisterClient, grants {GrantTypes}, scopes {Scopes})", request.GrantTypes, request.Scopes);
        RegisterClientResponse response;
        using var budget = AwsClientFactory.Budget(cancellationToken);
        try
        {
            response = await Client.RegisterClientAsync(
                new RegisterClientRequest
                {
                    ClientName = request.ClientName,
                    ClientType = "public",
                    Scopes = request.Scopes?.ToList(),
                    GrantTypes = request.GrantTypes?.ToList(),
                    RedirectUris = request.RedirectUri is null ? null : [request.RedirectUri],
                    IssuerUrl = request.IssuerUrl,
                },
                budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw AwsCallFailure.Describe("RegisterClient", AwsClientFactory.TryOidcEndpoint(endpoints), e);
        }

        return response is { ClientId: { Length: > 0 } id, ClientSecret: { Length: > 0 } secret, ClientSecretExpiresAt: > 0 }
            ? new ClientRegistration(id, new Secret(secret), DateTimeOffset.FromUnixTimeSeconds(response.ClientSecretExpiresAt.Value))
            : throw new SsocredException("RegisterClient answered without a complete registration", "try again later");
    }

    /// <summary>StartDeviceAuthorization: a device code, and the user code the person confirms.</summary>
    public async Task<DeviceAuthorization> StartDeviceAuthorizationAsync(string clientId, Secret clientSecret, string startUrl, CancellationToken cancellationToken)
    {
        log.Debug("starting a device authorization (StartDeviceAuthorization, client {ClientId})", clientId);
        StartDeviceAuthorizationResponse response;
        using var budget = AwsClientFactory.Budget(cancellationToken);
        try
        {
            response = await Client.StartDeviceAuthorizationAsync(
                new StartDeviceAuthorizationRequest { ClientId = clientId, ClientSecret = clientSecret.Reveal(), StartUrl = startUrl },
                budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw AwsCallFailure.Describe("StartDeviceAuthorization", AwsClientFactory.TryOidcEndpoint(endpoints), e);
        }

        if (response is not { DeviceCode.Length: > 0, UserCode.Length: > 0, VerificationUriComplete.Length: > 0, ExpiresIn: > 0 })
        {
            throw new SsocredException("StartDeviceAuthorization answered without a complete device code", "try again later");
        }

        return new DeviceAuthorization(
            new Secret(response.DeviceCode),
            response.UserCode,
            string.IsNullOrEmpty(response.VerificationUri) ? response.VerificationUriComplete : response.VerificationUri,
            response.VerificationUriComplete,
            TimeSpan.FromSeconds(response.ExpiresIn.Value),
            response.Interval is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : DefaultDeviceInterval);
    }

    /// <summary>
    /// One CreateToken poll with grant device_code. Each answer the device flow expects is its
    /// own outcome, so none can fall through to another (aws-vault's slow_down trap).
    /// </summary>
    public async Task<DevicePoll> PollDeviceTokenAsync(string clientId, Secret clientSecret, Secret deviceCode, CancellationToken cancellationToken)
    {
        CreateTokenResponse response;
        using var budget = AwsClientFactory.Budget(cancellationToken);
        try
        {
            response = await Client.CreateTokenAsync(
                new CreateTokenRequest
                {
                    ClientId = clientId,
                    ClientSecret = clientSecret.Reveal(),
                    GrantType = DeviceCodeGrant,
                    DeviceCode = deviceCode.Reveal(),
                },
                budget.Token).ConfigureAwait(false);
        }
        catch (AuthorizationPendingException)
        {
            return DevicePoll.Pending;
        }
        catch (SlowDownException)
        {
            return DevicePoll.SlowDown;
        }
        catch (ExpiredTokenException)
        {
            return DevicePoll.Expired;
        }
        catch (AccessDeniedException)
        {
            return DevicePoll.Denied;
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw CreateTokenFailure(e);
        }

        return DevicePoll.Granted(ToGrant(response));
    }

    /// <summary>CreateToken with grant authorization_code: the PKCE code and its verifier.</summary>
    /// <exception cref="GrantRejectedException">The service refused the code, verifier or client.</exception>
    public Task<TokenGrant> ExchangeAuthorizationCodeAsync(
        string clientId, Secret clientSecret, Secret code, Secret codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        log.Debug("exchanging the authorization code (CreateToken, grant {Grant}, client {ClientId})", AuthorizationCodeGrant, clientId);
        return CreateTokenAsync(
            new CreateTokenRequest
            {
                ClientId = clientId,
                ClientSecret = clientSecret.Reveal(),
                GrantType = AuthorizationCodeGrant,
                Code = code.Reveal(),
                CodeVerifier = codeVerifier.Reveal(),
                RedirectUri = redirectUri,
            },
            cancellationToken);
    }

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
        using var budget = AwsClientFactory.Budget(cancellationToken);
        try
        {
            response = await Client.CreateTokenAsync(request, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw CreateTokenFailure(e);
        }

        return ToGrant(response);
    }

    private SsocredException CreateTokenFailure(Exception e) =>
        e is InvalidGrantException or InvalidClientException or ExpiredTokenException
            or UnauthorizedClientException or AccessDeniedException or InvalidRequestException
            ? new GrantRejectedException(((AmazonSSOOIDCException)e).ErrorCode, e)
            : AwsCallFailure.Describe("CreateToken", AwsClientFactory.TryOidcEndpoint(endpoints), e);

    private static TokenGrant ToGrant(CreateTokenResponse response) =>
        string.IsNullOrEmpty(response.AccessToken) || response.ExpiresIn is not > 0
            ? throw new SsocredException("CreateToken answered without a token", "try again later")
            : new TokenGrant(new Secret(response.AccessToken), TimeSpan.FromSeconds(response.ExpiresIn.Value), Secret.FromNullable(response.RefreshToken));

    public void Dispose() => _client?.Dispose();
}

/// <summary>What RegisterClient is asked for; null fields are left out, as the AWS CLI leaves them out.</summary>
internal sealed record ClientRegistrationRequest(
    string ClientName,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? GrantTypes,
    string? RedirectUri,
    string? IssuerUrl);

/// <summary>What StartDeviceAuthorization returns.</summary>
internal sealed record DeviceAuthorization(
    Secret DeviceCode,
    string UserCode,
    string VerificationUri,
    string VerificationUriComplete,
    TimeSpan ExpiresIn,
    TimeSpan Interval);

internal enum DevicePollOutcome
{
    Granted,
    Pending,
    SlowDown,
    Expired,
    Denied,
}

/// <summary>One device-code poll's answer: a token, or why there is none yet (or ever).</summary>
internal sealed record DevicePoll(DevicePollOutcome Outcome, TokenGrant? Grant)
{
    public static readonly DevicePoll Pending = new(DevicePollOutcome.Pending, null);
    public static readonly DevicePoll SlowDown = new(DevicePollOutcome.SlowDown, null);
    public static readonly DevicePoll Expired = new(DevicePollOutcome.Expired, null);
    public static readonly DevicePoll Denied = new(DevicePollOutcome.Denied, null);

    public static DevicePoll Granted(TokenGrant grant) => new(DevicePollOutcome.Granted, grant);
}

/// <summary>What CreateToken grants: a token for ExpiresIn, and perhaps a new refresh token.</summary>
internal sealed record TokenGrant(Secret AccessToken, TimeSpan ExpiresIn, Secret? RefreshToken);

/// <summary>The service refused a grant (invalid_grant, invalid_client, …): a sign-in is needed.</summary>
internal sealed class GrantRejectedException(string errorCode, Exception inner)
    : SsocredException($"IAM Identity Center refused the grant ({errorCode})", inner: inner)
{
    public string ErrorCode { get; } = errorCode;
}
