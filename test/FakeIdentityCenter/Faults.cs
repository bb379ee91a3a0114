using System.Text;

namespace FakeIdentityCenter;

/// <summary>What an injected fault makes the fake answer instead of the real thing.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500 InternalServerException (retried by the SDKs).</summary>
    InternalError500,

    /// <summary>HTTP 503 ServiceUnavailableException (retried by the SDKs).</summary>
    ServiceUnavailable503,

    /// <summary>HTTP 429: TooManyRequestsException on the portal, ThrottlingException on OIDC (retried by the SDKs).</summary>
    TooManyRequests429,

    /// <summary>Accept the request and never answer until the caller gives up or the server is disposed.</summary>
    Hang,

    /// <summary>HTTP 200 with a truncated JSON body (not for Logout, which has no body, nor for the browser steps).</summary>
    BrokenJson,

    /// <summary>HTTP 401: UnauthorizedException on the portal, InvalidClientException on OIDC.</summary>
    Unauthorized401,

    /// <summary>HTTP 403 ForbiddenException on the portal; AccessDeniedException (400) on OIDC.</summary>
    Forbidden403,

    /// <summary>OIDC only: SlowDownException (400, slow_down).</summary>
    SlowDown,

    /// <summary>OIDC only: InvalidGrantException (400, invalid_grant).</summary>
    InvalidGrant,

    /// <summary>OIDC only: ExpiredTokenException (400, expired_token).</summary>
    ExpiredToken,

    /// <summary>Drop the connection without an answer.</summary>
    ConnectionReset,
}

/// <summary>Which kind of answer an operation gives.</summary>
internal enum ApiStyle
{
    Oidc,
    Portal,
    Browser,
}

/// <summary>
/// Pending faults per target. A target is an operation name, or for CreateToken also
/// <c>CreateToken:GRANT</c> (short or full grant type name) to hit only one grant type.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<PendingFault>> _pending = new(StringComparer.Ordinal);

    public static (string Key, ApiStyle Style) ParseTarget(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var parts = target.Split(':', 2);
        var operation = parts[0];
        var style = StyleOf(operation)
            ?? throw new ArgumentException($"Unknown operation '{operation}'.", nameof(target));
        if (parts.Length == 1)
        {
            return (operation, style);
        }

        var grant = GrantTypes.ShortName(parts[1]);
        if (operation != Operations.CreateToken || !GrantTypes.All.Select(GrantTypes.ShortName).Contains(grant))
        {
            throw new ArgumentException($"Unknown fault target '{target}'.", nameof(target));
        }

        return ($"{Operations.CreateToken}:{grant}", style);
    }

    public static ApiStyle? StyleOf(string operation) =>
        Operations.Oidc.Contains(operation) ? ApiStyle.Oidc
        : Operations.Portal.Contains(operation) ? ApiStyle.Portal
        : Operations.Browser.Contains(operation) ? ApiStyle.Browser
        : null;

    public void Inject(string target, FaultKind kind, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var (key, style) = ParseTarget(target);
        if (!Applies(key, style, kind))
        {
            throw new ArgumentException($"Fault {kind} does not apply to {target}.", nameof(kind));
        }

        lock (_gate)
        {
            if (!_pending.TryGetValue(key, out var list))
            {
                _pending[key] = list = [];
            }

            list.Add(new PendingFault(kind, times));
        }
    }

    public bool TryTake(string key, out FaultKind kind)
    {
        lock (_gate)
        {
            kind = default;
            if (!_pending.TryGetValue(key, out var list) || list.Count == 0)
            {
                return false;
            }

            var first = list[0];
            kind = first.Kind;
            if (--first.Remaining == 0)
            {
                list.RemoveAt(0);
            }

            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    private static bool Applies(string key, ApiStyle style, FaultKind kind) => (style, kind) switch
    {
        (ApiStyle.Oidc, _) => true,
        (ApiStyle.Portal, FaultKind.SlowDown or FaultKind.InvalidGrant or FaultKind.ExpiredToken) => false,
        (ApiStyle.Portal, FaultKind.BrokenJson) => key != Operations.Logout,
        (ApiStyle.Portal, _) => true,
        (ApiStyle.Browser, FaultKind.SlowDown or FaultKind.InvalidGrant or FaultKind.ExpiredToken or FaultKind.BrokenJson) => false,
        _ => true,
    };

    private sealed class PendingFault(FaultKind kind, int remaining)
    {
        public FaultKind Kind { get; } = kind;

        public int Remaining { get; set; } = remaining;
    }
}

/// <summary>Writes the answer an injected fault calls for.</summary>
internal static class FaultResponder
{
    public static async Task RespondAsync(HttpContext context, string operation, ApiStyle style, FaultKind kind, CancellationToken stopping)
    {
        switch (kind)
        {
            case FaultKind.Hang:
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, hang.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The caller gave up, or the server is stopping.
                    }
                }

                context.Abort();
                return;

            case FaultKind.ConnectionReset:
                context.Abort();
                return;

            case FaultKind.BrokenJson:
                await Wire.WriteRawAsync(context, StatusCodes.Status200OK, Wire.JsonContentType, Encoding.UTF8.GetBytes(TruncatedBody(operation)));
                return;
        }

        var error = ErrorFor(style, kind);
        var message = $"Injected fault: {kind}";
        if (style == ApiStyle.Browser)
        {
            await Wire.WriteHtmlAsync(context, error.Status, "Something went wrong", $"<p>{Wire.Html(message)}</p>");
        }
        else
        {
            await Wire.WriteErrorAsync(context, error, message);
        }
    }

    private static ApiError ErrorFor(ApiStyle style, FaultKind kind) => (style == ApiStyle.Oidc, kind) switch
    {
        (true, FaultKind.InternalError500) => OidcErrors.InternalServer,
        (true, FaultKind.ServiceUnavailable503) => OidcErrors.ServiceUnavailable,
        (true, FaultKind.TooManyRequests429) => OidcErrors.Throttling,
        (true, FaultKind.Unauthorized401) => OidcErrors.InvalidClient,
        (true, FaultKind.Forbidden403) => OidcErrors.AccessDenied,
        (true, FaultKind.SlowDown) => OidcErrors.SlowDown,
        (true, FaultKind.InvalidGrant) => OidcErrors.InvalidGrant,
        (true, FaultKind.ExpiredToken) => OidcErrors.ExpiredToken,
        (false, FaultKind.InternalError500) => PortalErrors.InternalServer,
        (false, FaultKind.ServiceUnavailable503) => PortalErrors.ServiceUnavailable,
        (false, FaultKind.TooManyRequests429) => PortalErrors.TooManyRequests,
        (false, FaultKind.Unauthorized401) => PortalErrors.Unauthorized,
        (false, FaultKind.Forbidden403) => PortalErrors.Forbidden,
        _ => throw new InvalidOperationException($"Fault {kind} has no error answer."),
    };

    /// <summary>The start of a plausible answer, cut off mid-value. Holds no secret.</summary>
    private static string TruncatedBody(string operation) => operation switch
    {
        Operations.RegisterClient => """{"clientId":"client-""",
        Operations.StartDeviceAuthorization => """{"deviceCode":"dc_""",
        Operations.CreateToken => """{"accessToken":"aoa_""",
        Operations.GetRoleCredentials => """{"roleCredentials":{"accessKeyId":"ASIA""",
        Operations.ListAccounts => """{"accountList":[{"accountId":"1111""",
        Operations.ListAccountRoles => """{"roleList":[{"roleName":"Read""",
        _ => """{"truncated":""",
    };
}
