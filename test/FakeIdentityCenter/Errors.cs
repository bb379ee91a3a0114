namespace FakeIdentityCenter;

/// <summary>An error answer of one API, as the real service sends it.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Type">Exception name sent in <c>x-amzn-ErrorType</c>.</param>
/// <param name="OAuthCode">For the OIDC API, the body's <c>error</c> member; null for the portal API.</param>
internal sealed record ApiError(int Status, string Type, string? OAuthCode)
{
    /// <summary>The SSO OIDC service appends this to the exception name in <c>x-amzn-ErrorType</c>.</summary>
    public const string OidcTypeSuffix = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

    public bool IsOidc => OAuthCode is not null;

    public string HeaderValue => IsOidc ? Type + OidcTypeSuffix : Type;
}

/// <summary>SSO OIDC errors: OAuth-style bodies <c>{"error":"…","error_description":"…"}</c>.</summary>
internal static class OidcErrors
{
    public static readonly ApiError AuthorizationPending = new(400, "AuthorizationPendingException", "authorization_pending");
    public static readonly ApiError SlowDown = new(400, "SlowDownException", "slow_down");
    public static readonly ApiError ExpiredToken = new(400, "ExpiredTokenException", "expired_token");
    public static readonly ApiError AccessDenied = new(400, "AccessDeniedException", "access_denied");
    public static readonly ApiError InvalidGrant = new(400, "InvalidGrantException", "invalid_grant");
    public static readonly ApiError InvalidRequest = new(400, "InvalidRequestException", "invalid_request");
    public static readonly ApiError InvalidScope = new(400, "InvalidScopeException", "invalid_scope");
    public static readonly ApiError UnauthorizedClient = new(400, "UnauthorizedClientException", "unauthorized_client");
    public static readonly ApiError UnsupportedGrantType = new(400, "UnsupportedGrantTypeException", "unsupported_grant_type");
    public static readonly ApiError InvalidClientMetadata = new(400, "InvalidClientMetadataException", "invalid_client_metadata");
    public static readonly ApiError InvalidRedirectUri = new(400, "InvalidRedirectUriException", "invalid_redirect_uri");
    public static readonly ApiError InvalidClient = new(401, "InvalidClientException", "invalid_client");
    public static readonly ApiError InternalServer = new(500, "InternalServerException", "server_error");

    // Not in the service model: the shapes a front door sends, which the SDK retries by status and name.
    public static readonly ApiError Throttling = new(429, "ThrottlingException", "throttling");
    public static readonly ApiError ServiceUnavailable = new(503, "ServiceUnavailableException", "temporarily_unavailable");
}

/// <summary>SSO portal errors: bodies <c>{"message":"…"}</c>.</summary>
internal static class PortalErrors
{
    public static readonly ApiError InvalidRequest = new(400, "InvalidRequestException", null);
    public static readonly ApiError Unauthorized = new(401, "UnauthorizedException", null);
    public static readonly ApiError ResourceNotFound = new(404, "ResourceNotFoundException", null);
    public static readonly ApiError TooManyRequests = new(429, "TooManyRequestsException", null);

    // Not in the service model, but real.
    public static readonly ApiError Forbidden = new(403, "ForbiddenException", null);
    public static readonly ApiError InternalServer = new(500, "InternalServerException", null);
    public static readonly ApiError ServiceUnavailable = new(503, "ServiceUnavailableException", null);
}

/// <summary>Thrown by the store and the endpoints to answer with an <see cref="ApiError"/>.</summary>
internal sealed class ApiErrorException : Exception
{
    public ApiErrorException()
        : this(OidcErrors.InternalServer, "Internal error")
    {
    }

    public ApiErrorException(string message)
        : this(OidcErrors.InternalServer, message)
    {
    }

    public ApiErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = OidcErrors.InternalServer;
    }

    public ApiErrorException(ApiError error, string message)
        : base(message)
    {
        Error = error;
    }

    public ApiError Error { get; }
}
