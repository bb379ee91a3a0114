using Microsoft.AspNetCore.WebUtilities;

namespace FakeIdentityCenter;

/// <summary>
/// <c>GET /authorize</c>: the browser step of the PKCE sign-in. The fake skips the sign-in pages and at once
/// redirects to the client's loopback redirect URI with a code (or an error when the person denies).
/// </summary>
internal static class AuthorizeEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FakeRuntime fake) =>
        app.MapGet("/authorize", context =>
            fake.RunAsync(context, Operations.Authorize, ApiStyle.Browser, c => AuthorizeAsync(c, fake)));

    private static Task AuthorizeAsync(HttpContext context, FakeRuntime fake)
    {
        var clientId = Wire.Query(context, "client_id");
        var redirectUri = Wire.Query(context, "redirect_uri");
        var state = Wire.Query(context, "state");

        // Until client and redirect URI are known good, errors are shown, never redirected (RFC 6749, 4.1.2.1).
        var client = fake.Store.FindLiveClient(clientId);
        if (client is null)
        {
            return BadRequestPage(context, "Unknown or expired client_id.");
        }

        if (redirectUri is null || !IsRegisteredRedirect(client, redirectUri))
        {
            return BadRequestPage(context, "redirect_uri is not a registered redirect URI of this client.");
        }

        if (Wire.Query(context, "response_type") != "code")
        {
            return RedirectWithError(context, redirectUri, state, "unsupported_response_type", "response_type must be code");
        }

        if (!client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            return RedirectWithError(context, redirectUri, state, "unauthorized_client", "Client is not registered for authorization_code");
        }

        var challenge = Wire.Query(context, "code_challenge");
        if (Wire.Query(context, "code_challenge_method") != "S256" || string.IsNullOrEmpty(challenge))
        {
            return RedirectWithError(context, redirectUri, state, "invalid_request", "PKCE with code_challenge_method S256 is required");
        }

        if (!fake.Store.AreRegisteredScopes(client.ClientId, Wire.Query(context, "scopes")))
        {
            return RedirectWithError(context, redirectUri, state, "invalid_scope", "scopes must be among the client's registered scopes");
        }

        if (fake.Store.DenyAuthorization)
        {
            return RedirectWithError(context, redirectUri, state, "access_denied", "The user denied the authorization request");
        }

        var code = fake.Store.CreateAuthorizationCode(client.ClientId, redirectUri, challenge, Wire.Query(context, "scopes"));
        return Redirect(context, redirectUri, [new("code", code), new("state", state)]);
    }

    /// <summary>Same scheme, loopback host, path and query as a registered URI; the port may differ (RFC 8252, 7.3).</summary>
    private static bool IsRegisteredRedirect(RegisteredClient client, string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var requested) || requested.Scheme != "http" || !requested.IsLoopback)
        {
            return false;
        }

        return client.RedirectUris.Any(registered =>
            Uri.TryCreate(registered, UriKind.Absolute, out var r)
            && r.Scheme == requested.Scheme
            && string.Equals(r.Host, requested.Host, StringComparison.OrdinalIgnoreCase)
            && r.AbsolutePath == requested.AbsolutePath
            && r.Query == requested.Query);
    }

    private static Task RedirectWithError(HttpContext context, string redirectUri, string? state, string error, string description) =>
        Redirect(context, redirectUri, [new("error", error), new("error_description", description), new("state", state)]);

    private static Task Redirect(HttpContext context, string redirectUri, KeyValuePair<string, string?>[] parameters)
    {
        var location = QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task BadRequestPage(HttpContext context, string message) =>
        Wire.WriteHtmlAsync(context, StatusCodes.Status400BadRequest, "Invalid sign-in request", $"<p>{Wire.Html(message)}</p>");
}
