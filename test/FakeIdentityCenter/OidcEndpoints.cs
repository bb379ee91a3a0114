namespace FakeIdentityCenter;

/// <summary>The SSO OIDC API: RegisterClient, StartDeviceAuthorization, CreateToken.</summary>
internal static class OidcEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FakeRuntime fake)
    {
        app.MapPost("/client/register", context =>
            fake.RunAsync(context, Operations.RegisterClient, ApiStyle.Oidc, c => RegisterClientAsync(c, fake)));
        app.MapPost("/device_authorization", context =>
            fake.RunAsync(context, Operations.StartDeviceAuthorization, ApiStyle.Oidc, c => StartDeviceAuthorizationAsync(c, fake)));
        app.MapPost("/token", context => CreateTokenAsync(context, fake));
    }

    private static async Task RegisterClientAsync(HttpContext context, FakeRuntime fake)
    {
        var request = await Wire.ReadJsonAsync<RegisterClientRequest>(context);
        if (string.IsNullOrEmpty(request.ClientName) || string.IsNullOrEmpty(request.ClientType))
        {
            throw new ApiErrorException(OidcErrors.InvalidRequest, "clientName and clientType are required");
        }

        if (request.ClientType != "public")
        {
            throw new ApiErrorException(OidcErrors.InvalidClientMetadata, "Only the public client type is supported");
        }

        var grantTypes = request.GrantTypes ?? [];
        if (grantTypes.FirstOrDefault(g => !GrantTypes.All.Contains(g)) is { } unsupported)
        {
            throw new ApiErrorException(OidcErrors.UnsupportedGrantType, $"Unsupported grant type: {unsupported}");
        }

        var redirectUris = request.RedirectUris ?? [];
        if (grantTypes.Contains(GrantTypes.AuthorizationCode) && redirectUris.Count == 0)
        {
            throw new ApiErrorException(OidcErrors.InvalidRedirectUri, "redirectUris are required for the authorization_code grant");
        }

        if (redirectUris.FirstOrDefault(u => !IsLoopbackHttpUri(u)) is { } badUri)
        {
            throw new ApiErrorException(OidcErrors.InvalidRedirectUri, $"Invalid redirect URI: {badUri}");
        }

        var client = fake.Store.RegisterClient(
            request.ClientName, grantTypes, request.Scopes ?? [], redirectUris, request.IssuerUrl, lifetime: null);
        var baseUrl = Wire.BaseUrl(context);
        await Wire.WriteJsonAsync(context, new RegisterClientResponse
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientIdIssuedAt = client.IssuedAt.ToUnixTimeSeconds(),
            ClientSecretExpiresAt = client.ExpiresAt.ToUnixTimeSeconds(),
            AuthorizationEndpoint = $"{baseUrl}/authorize",
            TokenEndpoint = $"{baseUrl}/token",
        });
    }

    private static async Task StartDeviceAuthorizationAsync(HttpContext context, FakeRuntime fake)
    {
        var request = await Wire.ReadJsonAsync<StartDeviceAuthorizationRequest>(context);
        if (string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.StartUrl))
        {
            throw new ApiErrorException(OidcErrors.InvalidRequest, "clientId, clientSecret and startUrl are required");
        }

        var (deviceCode, userCode, expiresIn, interval) =
            fake.Store.StartDeviceAuthorization(request.ClientId, request.ClientSecret, request.StartUrl);
        var verificationUri = $"{Wire.BaseUrl(context)}/device";
        await Wire.WriteJsonAsync(context, new StartDeviceAuthorizationResponse
        {
            DeviceCode = deviceCode,
            UserCode = userCode,
            VerificationUri = verificationUri,
            VerificationUriComplete = $"{verificationUri}?user_code={Uri.EscapeDataString(userCode)}",
            ExpiresIn = expiresIn,
            Interval = interval,
        });
    }

    /// <summary>
    /// CreateToken. Faults for "CreateToken" apply before the body is read; faults for
    /// "CreateToken:GRANT" apply once the grant type is known.
    /// </summary>
    private static async Task CreateTokenAsync(HttpContext context, FakeRuntime fake)
    {
        fake.Counters.Count(Operations.CreateToken);
        if (await fake.TryFaultAsync(context, Operations.CreateToken, Operations.CreateToken, ApiStyle.Oidc))
        {
            return;
        }

        try
        {
            var request = await Wire.ReadJsonAsync<CreateTokenRequest>(context);
            if (string.IsNullOrEmpty(request.GrantType))
            {
                throw new ApiErrorException(OidcErrors.InvalidRequest, "grantType is required");
            }

            fake.Counters.CountToken(request.GrantType);
            var grantKey = $"{Operations.CreateToken}:{GrantTypes.ShortName(request.GrantType)}";
            if (await fake.TryFaultAsync(context, grantKey, Operations.CreateToken, ApiStyle.Oidc))
            {
                return;
            }

            if (string.IsNullOrEmpty(request.ClientId))
            {
                throw new ApiErrorException(OidcErrors.InvalidClient, "clientId is required");
            }

            var grant = request.GrantType switch
            {
                GrantTypes.DeviceCode => fake.Store.RedeemDeviceCode(request.ClientId, request.ClientSecret, request.DeviceCode, request.Scope),
                GrantTypes.RefreshToken => fake.Store.RedeemRefreshToken(
                    request.ClientId, request.ClientSecret, request.RefreshToken, request.Scope),
                GrantTypes.AuthorizationCode => fake.Store.RedeemAuthorizationCode(
                    request.ClientId, request.ClientSecret, request.Code, request.RedirectUri, request.CodeVerifier),
                _ => throw new ApiErrorException(OidcErrors.UnsupportedGrantType, $"Unsupported grant type: {request.GrantType}"),
            };

            await Wire.WriteJsonAsync(context, new CreateTokenResponse
            {
                AccessToken = grant.AccessToken,
                ExpiresIn = grant.ExpiresIn,
                RefreshToken = grant.RefreshToken,
            });
        }
        catch (ApiErrorException error)
        {
            await Wire.WriteErrorAsync(context, error.Error, error.Message);
        }
    }

    private static bool IsLoopbackHttpUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme is "http" or "https"
        && parsed.IsLoopback;
}
