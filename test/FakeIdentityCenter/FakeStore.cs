namespace FakeIdentityCenter;

/// <summary>
/// Everything the fake remembers: client registrations, device authorizations, authorization codes,
/// tokens and the secrets it produced. One lock guards it all; every expiry decision uses the options' clock.
/// </summary>
internal sealed class FakeStore(FakeOptions options)
{
    /// <summary>A poll this much earlier than the interval is still on time (timer and network jitter).</summary>
    private static readonly TimeSpan PollTolerance = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan SlowDownIncrement = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClientRecord> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceRecord> _devicesByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceRecord> _devicesByUserCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AuthorizationCodeRecord> _authorizationCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenRecord> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accessKeyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string SecretAccessKey, string SessionToken)> _roleCredentials = new(StringComparer.Ordinal);
    private readonly List<string> _secrets = [];
    private bool _autoApprove = options.AutoApprove;
    private bool _denyAuthorization = options.DenyAuthorization;
    private bool _enforceSlowDown = options.EnforceSlowDown;
    private string? _lastUserCode;

    private enum DeviceStatus
    {
        Pending,
        Approved,
        Denied,
        Redeemed,
    }

    public IReadOnlyList<FakeAccount> Accounts => options.Accounts;

    public bool AutoApprove
    {
        get { lock (_gate) { return _autoApprove; } }
        set { lock (_gate) { _autoApprove = value; } }
    }

    public bool DenyAuthorization
    {
        get { lock (_gate) { return _denyAuthorization; } }
        set { lock (_gate) { _denyAuthorization = value; } }
    }

    public bool EnforceSlowDown
    {
        get { lock (_gate) { return _enforceSlowDown; } }
        set { lock (_gate) { _enforceSlowDown = value; } }
    }

    public string? LastUserCode
    {
        get { lock (_gate) { return _lastUserCode; } }
    }

    public IReadOnlyList<string> IssuedSecrets
    {
        get { lock (_gate) { return [.. _secrets]; } }
    }

    public IReadOnlyList<RegisteredClient> Clients
    {
        get { lock (_gate) { return [.. _clients.Values.Select(c => c.ToPublic())]; } }
    }

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    // ---- Client registrations ----

    public RegisteredClient RegisterClient(
        string clientName,
        IReadOnlyList<string> grantTypes,
        IReadOnlyList<string> scopes,
        IReadOnlyList<string> redirectUris,
        string? issuerUrl,
        TimeSpan? lifetime)
    {
        lock (_gate)
        {
            var now = Now;
            var client = new ClientRecord
            {
                Id = Secrets.NewClientId(),
                Secret = Remember(Secrets.NewClientSecret()),
                Name = clientName,
                GrantTypes = [.. grantTypes],
                Scopes = [.. scopes],
                RedirectUris = [.. redirectUris],
                IssuerUrl = issuerUrl,
                IssuedAt = now,
                ExpiresAt = now + (lifetime ?? options.ClientRegistrationLifetime),
            };
            _clients.Add(client.Id, client);
            return client.ToPublic();
        }
    }

    /// <summary>The client, if it exists and its registration has not expired (for the browser step: no secret).</summary>
    public RegisteredClient? FindLiveClient(string? clientId)
    {
        lock (_gate)
        {
            return clientId is not null && _clients.TryGetValue(clientId, out var client) && Now < client.ExpiresAt
                ? client.ToPublic()
                : null;
        }
    }

    public void ExpireClientRegistrations()
    {
        lock (_gate)
        {
            var now = Now;
            foreach (var client in _clients.Values)
            {
                client.ExpiresAt = now;
            }
        }
    }

    // ---- Device authorization ----

    public (string DeviceCode, string UserCode, int ExpiresIn, int Interval) StartDeviceAuthorization(
        string clientId, string? clientSecret, string startUrl)
    {
        lock (_gate)
        {
            var client = Authenticate(clientId, clientSecret);
            if (client.GrantTypes.Count > 0 && !client.GrantTypes.Contains(GrantTypes.DeviceCode))
            {
                throw new ApiErrorException(OidcErrors.UnauthorizedClient, "Client is not registered for the device code grant");
            }

            string userCode;
            do
            {
                userCode = Secrets.NewUserCode();
            }
            while (_devicesByUserCode.ContainsKey(userCode));

            var device = new DeviceRecord
            {
                DeviceCode = Remember(Secrets.NewDeviceCode()),
                UserCode = userCode,
                ClientId = client.Id,
                StartUrl = startUrl,
                ExpiresAt = Now + options.DeviceCodeLifetime,
                Interval = options.DeviceInterval,
            };
            _devicesByCode.Add(device.DeviceCode, device);
            _devicesByUserCode.Add(device.UserCode, device);
            _lastUserCode = userCode;
            return (device.DeviceCode, device.UserCode, WholeSeconds(options.DeviceCodeLifetime), WholeSeconds(options.DeviceInterval));
        }
    }

    /// <summary>True if the code exists, has not expired and is now approved (or already was).</summary>
    public bool ApproveDevice(string userCode) => Decide(userCode, DeviceStatus.Approved);

    public bool DenyDevice(string userCode) => Decide(userCode, DeviceStatus.Denied);

    public int ApproveAllPendingDevices()
    {
        lock (_gate)
        {
            var now = Now;
            var pending = _devicesByCode.Values.Where(d => d.Status == DeviceStatus.Pending && now < d.ExpiresAt).ToList();
            pending.ForEach(d => d.Status = DeviceStatus.Approved);
            return pending.Count;
        }
    }

    /// <summary>Whether the user code exists and has not expired.</summary>
    public bool IsLiveUserCode(string userCode)
    {
        lock (_gate)
        {
            return _devicesByUserCode.TryGetValue(userCode, out var device) && Now < device.ExpiresAt;
        }
    }

    // ---- CreateToken ----

    public TokenGrant RedeemDeviceCode(string clientId, string? clientSecret, string? deviceCode)
    {
        lock (_gate)
        {
            var client = Authenticate(clientId, clientSecret);
            RequireGrant(client, GrantTypes.DeviceCode, allowWhenUnregistered: true);
            if (string.IsNullOrEmpty(deviceCode))
            {
                throw new ApiErrorException(OidcErrors.InvalidRequest, "deviceCode is required");
            }

            if (!_devicesByCode.TryGetValue(deviceCode, out var device) || device.ClientId != client.Id)
            {
                throw new ApiErrorException(OidcErrors.InvalidGrant, "Invalid device code provided");
            }

            var now = Now;
            if (device.Status == DeviceStatus.Redeemed)
            {
                throw new ApiErrorException(OidcErrors.InvalidGrant, "Device code has already been used");
            }

            if (now >= device.ExpiresAt)
            {
                throw new ApiErrorException(OidcErrors.ExpiredToken, "Device code has expired");
            }

            var lastPoll = device.LastPollAt;
            device.LastPollAt = now;
            switch (device.Status)
            {
                case DeviceStatus.Denied:
                    throw new ApiErrorException(OidcErrors.AccessDenied, "The user denied the authorization request");
                case DeviceStatus.Pending:
                    if (_enforceSlowDown && lastPoll is { } last && now - last < device.Interval - PollTolerance)
                    {
                        device.Interval += SlowDownIncrement;
                        throw new ApiErrorException(OidcErrors.SlowDown, "Client is polling too fast");
                    }

                    throw new ApiErrorException(OidcErrors.AuthorizationPending, "Authorization is still pending");
                default:
                    device.Status = DeviceStatus.Redeemed;
                    return Issue(client, options.TokenLifetime, withRefreshToken: client.GrantTypes.Contains(GrantTypes.RefreshToken));
            }
        }
    }

    public TokenGrant RedeemRefreshToken(string clientId, string? clientSecret, string? refreshToken)
    {
        lock (_gate)
        {
            var client = Authenticate(clientId, clientSecret);
            RequireGrant(client, GrantTypes.RefreshToken, allowWhenUnregistered: false);
            if (string.IsNullOrEmpty(refreshToken))
            {
                throw new ApiErrorException(OidcErrors.InvalidRequest, "refreshToken is required");
            }

            if (!_refreshTokens.TryGetValue(refreshToken, out var record) || record.Dead || record.ClientId != client.Id)
            {
                throw new ApiErrorException(OidcErrors.InvalidGrant, "Invalid refresh token provided");
            }

            // Rotation: the refresh token just used is dead from now on.
            record.Dead = true;
            return Issue(client, options.TokenLifetime, withRefreshToken: true);
        }
    }

    public string CreateAuthorizationCode(string clientId, string redirectUri, string codeChallenge, string? scopes)
    {
        lock (_gate)
        {
            var record = new AuthorizationCodeRecord
            {
                Code = Remember(Secrets.NewAuthorizationCode()),
                ClientId = clientId,
                RedirectUri = redirectUri,
                CodeChallenge = codeChallenge,
                Scopes = scopes,
                ExpiresAt = Now + options.AuthorizationCodeLifetime,
            };
            _authorizationCodes.Add(record.Code, record);
            return record.Code;
        }
    }

    public TokenGrant RedeemAuthorizationCode(
        string clientId, string? clientSecret, string? code, string? redirectUri, string? codeVerifier)
    {
        lock (_gate)
        {
            var client = Authenticate(clientId, clientSecret);
            RequireGrant(client, GrantTypes.AuthorizationCode, allowWhenUnregistered: false);
            if (string.IsNullOrEmpty(code))
            {
                throw new ApiErrorException(OidcErrors.InvalidRequest, "code is required");
            }

            if (string.IsNullOrEmpty(codeVerifier))
            {
                throw new ApiErrorException(OidcErrors.InvalidRequest, "codeVerifier is required");
            }

            // The client made it, not the fake, but it is a secret all the same: leak checks cover it.
            Remember(codeVerifier);

            if (!_authorizationCodes.TryGetValue(code, out var record) || record.Used)
            {
                throw new ApiErrorException(OidcErrors.InvalidGrant, "Invalid authorization code provided");
            }

            // Single use: any attempt to redeem a known code consumes it.
            record.Used = true;
            if (record.ClientId != client.Id || Now >= record.ExpiresAt)
            {
                throw new ApiErrorException(OidcErrors.InvalidGrant, "Invalid authorization code provided");
            }

            if (!string.Equals(record.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                throw new ApiErrorException(OidcErrors.InvalidGrant, "redirectUri does not match the authorization request");
            }

            if (!string.Equals(Pkce.S256Challenge(codeVerifier), record.CodeChallenge, StringComparison.Ordinal))
            {
                throw new ApiErrorException(OidcErrors.InvalidGrant, "Code verifier does not match the code challenge");
            }

            return Issue(client, options.TokenLifetime, withRefreshToken: true);
        }
    }

    public IssuedToken IssueToken(string clientId, TimeSpan lifetime, bool withRefreshToken)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(clientId, out var client))
            {
                throw new ArgumentException($"Unknown client id '{clientId}'.", nameof(clientId));
            }

            var grant = Issue(client, lifetime, withRefreshToken);
            return new IssuedToken(client.Id, grant.AccessToken, grant.RefreshToken, grant.ExpiresAt);
        }
    }

    // ---- Portal ----

    /// <summary>Throws UnauthorizedException unless the token is known, unrevoked and unexpired.</summary>
    public void RequireLiveAccessToken(string? accessToken)
    {
        lock (_gate)
        {
            FindLiveAccessToken(accessToken);
        }
    }

    public RoleCredentialsBody IssueRoleCredentials(string? accessToken, string accountId, string roleName)
    {
        lock (_gate)
        {
            FindLiveAccessToken(accessToken);
            var account = options.Accounts.FirstOrDefault(a => a.AccountId == accountId);
            if (account is null || !account.Roles.Contains(roleName, StringComparer.Ordinal))
            {
                throw new ApiErrorException(PortalErrors.Forbidden, "No access");
            }

            string accessKeyId;
            do
            {
                accessKeyId = Secrets.NewAccessKeyId();
            }
            while (!_accessKeyIds.Add(accessKeyId));

            var issued = new RoleCredentialsBody
            {
                AccessKeyId = accessKeyId,
                SecretAccessKey = Remember(Secrets.NewSecretAccessKey()),
                SessionToken = Remember(Secrets.NewSessionToken()),
                Expiration = (Now + options.RoleCredentialsLifetime).ToUnixTimeMilliseconds(),
            };
            _roleCredentials[accessKeyId] = (issued.SecretAccessKey, issued.SessionToken);
            return issued;
        }
    }

    /// <summary>Whether these are role credentials GetRoleCredentials issued (all three parts matching).</summary>
    public bool IssuedRoleCredentials(string? accessKeyId, string? secretAccessKey, string? sessionToken)
    {
        lock (_gate)
        {
            return accessKeyId is not null
                && _roleCredentials.TryGetValue(accessKeyId, out var issued)
                && issued.SecretAccessKey == secretAccessKey
                && issued.SessionToken == sessionToken;
        }
    }

    /// <summary>Keeps a secret made elsewhere in the fake (the federation endpoint's sign-in tokens) among the issued ones.</summary>
    public string RememberSecret(string secret)
    {
        lock (_gate)
        {
            return Remember(secret);
        }
    }

    /// <summary>Logout: the access token and the refresh token issued with it stop working.</summary>
    public void Logout(string? accessToken)
    {
        lock (_gate)
        {
            var token = FindLiveAccessToken(accessToken);
            Revoke(token);
        }
    }

    public bool RevokeAccessToken(string accessToken)
    {
        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(accessToken, out var token))
            {
                return false;
            }

            Revoke(token);
            return true;
        }
    }

    public void RevokeAllTokens()
    {
        lock (_gate)
        {
            foreach (var token in _accessTokens.Values)
            {
                token.Revoked = true;
            }

            foreach (var refresh in _refreshTokens.Values)
            {
                refresh.Dead = true;
            }
        }
    }

    public void ExpireRefreshTokens()
    {
        lock (_gate)
        {
            foreach (var refresh in _refreshTokens.Values)
            {
                refresh.Dead = true;
            }
        }
    }

    // ---- helpers (call with the lock held) ----

    private ClientRecord Authenticate(string clientId, string? clientSecret)
    {
        if (!_clients.TryGetValue(clientId, out var client)
            || !string.Equals(client.Secret, clientSecret, StringComparison.Ordinal))
        {
            throw new ApiErrorException(OidcErrors.InvalidClient, "Invalid client provided");
        }

        if (Now >= client.ExpiresAt)
        {
            throw new ApiErrorException(OidcErrors.InvalidClient, "Client registration has expired");
        }

        return client;
    }

    private static void RequireGrant(ClientRecord client, string grantType, bool allowWhenUnregistered)
    {
        var allowed = client.GrantTypes.Count == 0 ? allowWhenUnregistered : client.GrantTypes.Contains(grantType);
        if (!allowed)
        {
            throw new ApiErrorException(OidcErrors.UnauthorizedClient, $"Client is not registered for the {grantType} grant");
        }
    }

    private AccessTokenRecord FindLiveAccessToken(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken)
            || !_accessTokens.TryGetValue(accessToken, out var token)
            || token.Revoked
            || Now >= token.ExpiresAt)
        {
            throw new ApiErrorException(PortalErrors.Unauthorized, "Session token not found or invalid");
        }

        return token;
    }

    private void Revoke(AccessTokenRecord token)
    {
        token.Revoked = true;
        if (token.RefreshToken is { } refresh && _refreshTokens.TryGetValue(refresh, out var record))
        {
            record.Dead = true;
        }
    }

    private TokenGrant Issue(ClientRecord client, TimeSpan lifetime, bool withRefreshToken)
    {
        var refresh = withRefreshToken ? Remember(Secrets.NewRefreshToken()) : null;
        if (refresh is not null)
        {
            _refreshTokens.Add(refresh, new RefreshTokenRecord { ClientId = client.Id });
        }

        var token = new AccessTokenRecord
        {
            Token = Remember(Secrets.NewAccessToken()),
            ClientId = client.Id,
            ExpiresAt = Now + lifetime,
            RefreshToken = refresh,
        };
        _accessTokens.Add(token.Token, token);
        return new TokenGrant(token.Token, refresh, token.ExpiresAt, WholeSeconds(lifetime));
    }

    private bool Decide(string userCode, DeviceStatus decision)
    {
        lock (_gate)
        {
            if (!_devicesByUserCode.TryGetValue(userCode, out var device) || Now >= device.ExpiresAt)
            {
                return false;
            }

            if (device.Status == DeviceStatus.Pending)
            {
                device.Status = decision;
            }

            return device.Status == decision || device.Status == DeviceStatus.Redeemed;
        }
    }

    private string Remember(string secret)
    {
        _secrets.Add(secret);
        return secret;
    }

    private static int WholeSeconds(TimeSpan span) => (int)Math.Ceiling(span.TotalSeconds);

    private sealed class ClientRecord
    {
        public required string Id { get; init; }

        public required string Secret { get; init; }

        public required string Name { get; init; }

        public required List<string> GrantTypes { get; init; }

        public required List<string> Scopes { get; init; }

        public required List<string> RedirectUris { get; init; }

        public string? IssuerUrl { get; init; }

        public DateTimeOffset IssuedAt { get; init; }

        public DateTimeOffset ExpiresAt { get; set; }

        public RegisteredClient ToPublic() =>
            new(Id, Secret, IssuedAt, ExpiresAt, [.. GrantTypes], [.. Scopes], [.. RedirectUris], IssuerUrl);
    }

    private sealed class DeviceRecord
    {
        public required string DeviceCode { get; init; }

        public required string UserCode { get; init; }

        public required string ClientId { get; init; }

        public required string StartUrl { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public TimeSpan Interval { get; set; }

        public DateTimeOffset? LastPollAt { get; set; }

        public DeviceStatus Status { get; set; }
    }

    private sealed class AuthorizationCodeRecord
    {
        public required string Code { get; init; }

        public required string ClientId { get; init; }

        public required string RedirectUri { get; init; }

        public required string CodeChallenge { get; init; }

        public string? Scopes { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public bool Used { get; set; }
    }

    private sealed class AccessTokenRecord
    {
        public required string Token { get; init; }

        public required string ClientId { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public string? RefreshToken { get; init; }

        public bool Revoked { get; set; }
    }

    private sealed class RefreshTokenRecord
    {
        public required string ClientId { get; init; }

        public bool Dead { get; set; }
    }
}

/// <summary>What CreateToken hands out.</summary>
internal sealed record TokenGrant(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, int ExpiresIn);
