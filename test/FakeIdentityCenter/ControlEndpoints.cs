using System.Globalization;
using System.Text.Json.Serialization;

namespace FakeIdentityCenter;

/// <summary>
/// <c>/__fake/…</c>: the control surface for out-of-process users (scripts driving the runnable host).
/// Calls here are not counted and take no faults. See README.md.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FakeRuntime fake)
    {
        var control = app.MapGroup("/__fake");

        control.MapGet("/calls", context =>
        {
            var (calls, tokenCalls) = fake.Counters.Snapshot();
            return Wire.WriteJsonAsync(context, new CallsBody { Calls = calls, TokenCalls = tokenCalls });
        });

        control.MapPost("/reset", context =>
        {
            fake.Counters.Reset();
            fake.Faults.Clear();
            return NoContent(context);
        });

        control.MapPost("/fault", context =>
        {
            var operation = Wire.Query(context, "operation");
            var kindText = Wire.Query(context, "kind");
            var timesText = Wire.Query(context, "times") ?? "1";
            if (operation is null
                || !Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind)
                || !Enum.IsDefined(kind)
                || !int.TryParse(timesText, NumberStyles.None, CultureInfo.InvariantCulture, out var times))
            {
                return BadRequest(context, $"usage: POST /__fake/fault?operation=OPERATION&kind=KIND&times=N; kinds: {string.Join(", ", Enum.GetNames<FaultKind>())}");
            }

            try
            {
                fake.Faults.Inject(operation, kind, times);
            }
            catch (ArgumentException e)
            {
                return BadRequest(context, e.Message);
            }

            return NoContent(context);
        });

        control.MapPost("/approve", context =>
        {
            if (Wire.Query(context, "user_code") is not { Length: > 0 } userCode)
            {
                return Wire.WriteJsonAsync(context, new ApprovedBody { Approved = fake.Store.ApproveAllPendingDevices() });
            }

            return fake.Store.ApproveDevice(userCode)
                ? Wire.WriteJsonAsync(context, new ApprovedBody { Approved = 1 })
                : NotFound(context, "unknown or expired user_code");
        });

        control.MapPost("/deny", context =>
            Wire.Query(context, "user_code") is { Length: > 0 } userCode && fake.Store.DenyDevice(userCode)
                ? NoContent(context)
                : NotFound(context, "unknown or expired user_code"));

        control.MapGet("/last-user-code", context =>
            Wire.WriteJsonAsync(context, new UserCodeBody { UserCode = fake.Store.LastUserCode }));

        control.MapPost("/token", context => SeedTokenAsync(context, fake));

        control.MapPost("/revoke", context =>
        {
            if (Wire.Query(context, "access_token") is { Length: > 0 } accessToken)
            {
                return fake.Store.RevokeAccessToken(accessToken) ? NoContent(context) : NotFound(context, "unknown access_token");
            }

            fake.Store.RevokeAllTokens();
            return NoContent(context);
        });

        control.MapPost("/expire-refresh-tokens", context =>
        {
            fake.Store.ExpireRefreshTokens();
            return NoContent(context);
        });

        control.MapPost("/expire-registrations", context =>
        {
            fake.Store.ExpireClientRegistrations();
            return NoContent(context);
        });

        control.MapPost("/settings", context =>
        {
            if (!TryBool(Wire.Query(context, "auto_approve"), out var autoApprove)
                || !TryBool(Wire.Query(context, "deny_authorization"), out var deny)
                || !TryBool(Wire.Query(context, "slow_down"), out var slowDown))
            {
                return BadRequest(context, "usage: POST /__fake/settings?auto_approve=true|false&deny_authorization=true|false&slow_down=true|false");
            }

            if (autoApprove is { } a)
            {
                fake.Store.AutoApprove = a;
            }

            if (deny is { } d)
            {
                fake.Store.DenyAuthorization = d;
            }

            if (slowDown is { } s)
            {
                fake.Store.EnforceSlowDown = s;
            }

            return NoContent(context);
        });

        control.MapGet("/secrets", context => Wire.WriteJsonAsync(context, fake.Store.IssuedSecrets));
    }

    /// <summary>
    /// Registers a client (unless <c>client_id</c> names one) and issues a token.
    /// Query: <c>client_id</c>, <c>grant_types</c> (comma separated, default authorization_code,refresh_token),
    /// <c>scopes</c> (default sso:account:access), <c>lifetime</c> (seconds, default the token lifetime),
    /// <c>refresh</c> (default true), <c>registration_lifetime</c> (seconds), <c>start_url</c> (the
    /// start URL the token is minted for; default the instance's).
    /// </summary>
    private static Task SeedTokenAsync(HttpContext context, FakeRuntime fake)
    {
        if (!TryBool(Wire.Query(context, "refresh"), out var refresh)
            || !TrySeconds(Wire.Query(context, "lifetime"), out var lifetime)
            || !TrySeconds(Wire.Query(context, "registration_lifetime"), out var registrationLifetime))
        {
            return BadRequest(context, "refresh must be true or false; lifetime and registration_lifetime are whole seconds");
        }

        RegisteredClient? client;
        if (Wire.Query(context, "client_id") is { Length: > 0 } clientId)
        {
            client = fake.Store.Clients.FirstOrDefault(c => c.ClientId == clientId);
            if (client is null)
            {
                return NotFound(context, "unknown client_id");
            }
        }
        else
        {
            var grantTypes = List(Wire.Query(context, "grant_types")) ?? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];
            var scopes = List(Wire.Query(context, "scopes")) ?? ["sso:account:access"];
            var redirectUris = grantTypes.Contains(GrantTypes.AuthorizationCode)
                ? new[] { "http://127.0.0.1/oauth/callback" }
                : [];
            client = fake.Store.RegisterClient("fake-seed", grantTypes, scopes, redirectUris, issuerUrl: null, registrationLifetime);
        }

        var token = fake.Store.IssueToken(
            client.ClientId, lifetime ?? fake.Options.TokenLifetime, refresh ?? true, Wire.Query(context, "start_url"));
        return Wire.WriteJsonAsync(context, new SeededTokenBody
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            RegistrationExpiresAt = Rfc3339(client.ExpiresAt),
            AccessToken = token.AccessToken,
            RefreshToken = token.RefreshToken,
            ExpiresAt = Rfc3339(token.ExpiresAt),
        });
    }

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string[]? List(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated)
            ? null
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryBool(string? text, out bool? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static bool TrySeconds(string? text, out TimeSpan? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return false;
    }

    private static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task BadRequest(HttpContext context, string message) =>
        Wire.WriteJsonAsync(context, new MessageBody { Message = message }, StatusCodes.Status400BadRequest);

    private static Task NotFound(HttpContext context, string message) =>
        Wire.WriteJsonAsync(context, new MessageBody { Message = message }, StatusCodes.Status404NotFound);

    private sealed class CallsBody
    {
        [JsonPropertyName("calls")]
        public required IReadOnlyDictionary<string, int> Calls { get; init; }

        [JsonPropertyName("tokenCalls")]
        public required IReadOnlyDictionary<string, int> TokenCalls { get; init; }
    }

    private sealed class ApprovedBody
    {
        [JsonPropertyName("approved")]
        public int Approved { get; init; }
    }

    private sealed class UserCodeBody
    {
        [JsonPropertyName("userCode")]
        public string? UserCode { get; init; }
    }

    private sealed class MessageBody
    {
        [JsonPropertyName("message")]
        public required string Message { get; init; }
    }

    private sealed class SeededTokenBody
    {
        [JsonPropertyName("clientId")]
        public required string ClientId { get; init; }

        [JsonPropertyName("clientSecret")]
        public required string ClientSecret { get; init; }

        [JsonPropertyName("registrationExpiresAt")]
        public required string RegistrationExpiresAt { get; init; }

        [JsonPropertyName("accessToken")]
        public required string AccessToken { get; init; }

        [JsonPropertyName("refreshToken")]
        public string? RefreshToken { get; init; }

        [JsonPropertyName("expiresAt")]
        public required string ExpiresAt { get; init; }
    }
}
