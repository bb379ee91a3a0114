using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.SignIn;

/// <summary>
/// Client registrations, cached where and as the AWS CLI v2 caches them: one file per session,
/// named after the session's configured scopes (null when unset), reused until 15 minutes before
/// it expires. As in the AWS CLI, a PKCE sign-in reuses only a registration with the
/// authorization_code grant and a device-code sign-in only one without it; the other is replaced.
/// </summary>
internal sealed class ClientRegistrations(ICacheStores stores, TimeProvider time, ILog log)
{
    /// <summary>The AWS CLI's expiry window for registrations.</summary>
    public static readonly TimeSpan ExpiryWindow = TimeSpan.FromMinutes(15);

    public static readonly IReadOnlyList<string> PkceGrantTypes = [SsoOidc.AuthorizationCodeGrant, SsoOidc.RefreshTokenGrant];

    public async Task<ClientRegistration> GetAsync(SsoSession session, SignInMethod method, SsoOidc oidc, CancellationToken cancellationToken)
    {
        var cache = stores.For(session).Registrations;
        var key = CacheKeys.Registration(session, session.ConfiguredScopes);
        if (cache.Read(key) is { } cached && cached.IsValidFor(ExpiryWindow, time.GetUtcNow())
            && cached.AllowsAuthorizationCode == (method == SignInMethod.Pkce))
        {
            log.Debug("reusing the client registration {ClientId} cached in {Path}", cached.ClientId, cache.Store.Where(key));
            return new ClientRegistration(cached.ClientId, cached.ClientSecret, cached.ExpiresAt);
        }

        var request = RequestFor(session, method);
        var registered = await oidc.RegisterClientAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            cache.Write(key, registered with { Scopes = request.Scopes, GrantTypes = request.GrantTypes });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("cannot write the client registration cache file {Path}: {Reason}", cache.Store.Where(key), e.Message);
        }

        return registered;
    }

    /// <summary>What the AWS CLI v2 asks RegisterClient for, flow by flow.</summary>
    private ClientRegistrationRequest RequestFor(SsoSession session, SignInMethod method)
    {
        var name = $"ssocred-client-{session.Name ?? time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return method == SignInMethod.Pkce
            ? new ClientRegistrationRequest(name, session.Scopes, PkceGrantTypes, PkceFlow.RegisteredRedirectUri, session.StartUrl)
            : new ClientRegistrationRequest(name, session.NamedScopes, GrantTypes: null, RedirectUri: null, IssuerUrl: null);
    }
}
