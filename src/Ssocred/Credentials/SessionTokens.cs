using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.SignIn;

namespace Ssocred.Credentials;

/// <summary>
/// A valid SSO token for a session: the cached one if it has the margin left, else a refresh
/// with its refresh token, else a sign-in. Refreshes and sign-ins of one session are serialised
/// by its lock, because a refresh token dies when used.
/// </summary>
internal sealed class SessionTokens(
    ICacheStores stores,
    CrossProcessLock locks,
    Func<SsoEndpoints, SsoOidc> oidcFactory,
    ISignInFlow? signIn,
    IUserNotifier notifier,
    TimeProvider time,
    ILog log)
{
    private readonly SingleFlight _flight = new(locks);

    /// <param name="rejected">A token the service refused although it had not expired: never returned.</param>
    public async Task<SsoToken> GetValidTokenAsync(CredentialRequest request, Secret? rejected, CancellationToken cancellationToken)
    {
        var session = request.Session;
        var policy = request.Refresh;
        SsoToken? Usable()
        {
            var token = Read(session);
            var usable = CredentialPlan.UsesToken(policy, token, time.GetUtcNow()) && token!.AccessToken != rejected;
            if (log.IsDebugEnabled)
            {
                log.Debug(
                    usable ? "using the SSO token of {Session} cached in {Path}, valid until {ExpiresAt}" : "no usable SSO token of {Session} cached in {Path} (expiry {ExpiresAt}); renewing it",
                    session.DisplayName,
                    Cache(session).Store.Where(CacheKeys.Token(session)),
                    token is null ? "none" : CacheTime.Format(token.ExpiresAt));
            }

            return usable ? token : null;
        }

        return await _flight.RunAsync(
            SessionLockPath(session),
            Usable,
            () => RenewAsync(request, rejected, cancellationToken),
            policy.LockWait,
            () => TellWaitingForSignIn(session, policy.LockWait),
            cancellationToken,
            prepare: () => Cache(session).Store.TryPrepare()).ConfigureAwait(false);
    }

    /// <summary>Under the session's lock: a refresh if the cached token allows one, else a sign-in.</summary>
    private async Task<SsoToken> RenewAsync(CredentialRequest request, Secret? rejected, CancellationToken cancellationToken)
    {
        var session = request.Session;
        var stale = Read(session);
        if (stale is not null && rejected is not null && stale.AccessToken == rejected)
        {
            // Revoked server-side: record it as expired so no tool (the AWS CLI too) uses it again.
            stale = stale with { ExpiresAt = time.GetUtcNow() };
            Save(session, stale);
        }

        if (CredentialPlan.Refreshes(session, stale, time.GetUtcNow()) && stale is { Client: { } client, RefreshToken: { } refreshToken }
            && await TryRefreshAsync(request.Settings, stale, client, refreshToken, cancellationToken).ConfigureAwait(false) is { } refreshed)
        {
            // A service that issues tokens shorter than the margin would issue them to a sign-in
            // too: the fresh token is used as it is (botocore does the same), not a browser opened.
            if (!refreshed.IsValidFor(request.Refresh.Margin, time.GetUtcNow()))
            {
                log.Debug("the refreshed token expires at {ExpiresAt}, within the margin of {Margin}; using it", CacheTime.Format(refreshed.ExpiresAt), request.Refresh.Margin);
            }

            return refreshed;
        }

        return await SignInAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in anew whatever is cached (login --force).</summary>
    public Task<SsoToken> ForceSignInAsync(CredentialRequest request, CancellationToken cancellationToken) =>
        // Nothing cached counts: the single flight only serialises the sign-in with other processes'.
        _flight.RunAsync<SsoToken>(
            SessionLockPath(request.Session),
            static () => null,
            () => SignInAsync(request, cancellationToken),
            request.Refresh.LockWait,
            () => TellWaitingForSignIn(request.Session, request.Refresh.LockWait),
            cancellationToken,
            prepare: () => Cache(request.Session).Store.TryPrepare());

    /// <summary>
    /// For a process waiting on another lock (its role's): tells the person when the wait is
    /// really for another process's sign-in, i.e. when this session's lock is held elsewhere.
    /// </summary>
    public void TellIfSigningInElsewhere(SsoSession session, TimeSpan wait)
    {
        if (locks.IsHeldElsewhere(SessionLockPath(session)))
        {
            TellWaitingForSignIn(session, wait);
        }
    }

    private TokenCache Cache(SsoSession session) => stores.For(session).Tokens;

    /// <summary>The session's lock: one refresh or sign-in at a time, across processes.</summary>
    private string SessionLockPath(SsoSession session) => Cache(session).Store.LockPathOf(CacheKeys.Token(session));

    private void TellWaitingForSignIn(SsoSession session, TimeSpan wait) =>
        notifier.Tell($"waiting for another ssocred process that is signing in to '{session.DisplayName}' ({DurationText.Until(wait, time.GetUtcNow())})…");

    /// <summary>The session's cached token, if there is one and it is this session's.</summary>
    public SsoToken? Read(SsoSession session)
    {
        var key = CacheKeys.Token(session);
        var cache = Cache(session);
        var token = cache.Read(key);
        if (token?.StartUrl is { } url && url != session.StartUrl)
        {
            log.Debug("ignoring the token file {Path}: it is for {TokenStartUrl}, not {StartUrl}", cache.Store.Where(key), url, session.StartUrl);
            return null;
        }

        return token;
    }

    private async Task<SsoToken?> TryRefreshAsync(SsoSettings settings, SsoToken stale, ClientRegistration client, Secret refreshToken, CancellationToken cancellationToken)
    {
        TokenGrant grant;
        using (var oidc = oidcFactory(settings.Endpoints))
        {
            try
            {
                grant = await oidc.RefreshAsync(client.ClientId, client.ClientSecret, refreshToken, cancellationToken).ConfigureAwait(false);
            }
            catch (GrantRejectedException e)
            {
                log.Debug("the refresh was refused ({ErrorCode}); a sign-in is needed", e.ErrorCode);
                return null;
            }
        }

        var refreshed = stale with
        {
            StartUrl = stale.StartUrl ?? settings.Session.StartUrl,
            Region = stale.Region ?? settings.Session.Region,
            AccessToken = grant.AccessToken,
            ExpiresAt = time.GetUtcNow() + grant.ExpiresIn,
            // The old refresh token may be dead already: the new one must be saved now or never.
            RefreshToken = grant.RefreshToken ?? refreshToken,
        };
        Save(settings.Session, refreshed);
        log.Debug("refreshed the SSO token of {Session}; it expires at {ExpiresAt}", settings.Session.DisplayName, CacheTime.Format(refreshed.ExpiresAt));
        return refreshed;
    }

    private async Task<SsoToken> SignInAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        if (signIn is null || request.Refresh.NoLogin)
        {
            throw NoValidSession(request.Settings);
        }

        var token = await signIn.SignInAsync(request.Settings, request.SignIn, cancellationToken).ConfigureAwait(false);
        Save(request.Session, token);
        return token;
    }

    public void Save(SsoSession session, SsoToken token)
    {
        var key = CacheKeys.Token(session);
        var cache = Cache(session);
        try
        {
            cache.Write(key, token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("cannot write the token cache file {Path}: {Reason}", cache.Store.Where(key), e.Message);
        }
    }

    public static SsocredException NoValidSession(SsoSettings settings) => new(
        $"no valid SSO session for '{settings.Session.DisplayName}'",
        $"run: ssocred login {settings.CommandLineSelector}");
}
