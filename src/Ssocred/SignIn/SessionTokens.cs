using System.Text.Json;
using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.SignIn;

/// <summary>
/// A valid SSO token for a session: the cached one if it has the margin left, else a refresh
/// with its refresh token, else a sign-in. Refreshes and sign-ins of one session are serialised
/// by its lock, because a refresh token dies when used.
/// </summary>
internal sealed class SessionTokens(
    JsonEntryCache<CachedToken> tokens,
    CrossProcessLock locks,
    Func<SsoEndpoints, SsoOidc> oidcFactory,
    ISignInFlow? signIn,
    IUserNotifier notifier,
    TimeProvider time,
    ILog log)
{
    private readonly SingleFlight _flight = new(locks);

    /// <param name="rejected">A token the service refused although it had not expired: never returned.</param>
    public async Task<CachedToken> GetValidTokenAsync(SsoSettings settings, SsoOptions options, Secret? rejected, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var key = CacheKeys.Token(session);
        CachedToken? Usable()
        {
            var token = Read(session, key);
            return token is not null && token.IsValidFor(options.MinTtl, time.GetUtcNow()) && token.AccessToken != rejected ? token : null;
        }

        return await _flight.RunAsync(
            SessionLockPath(session),
            Usable,
            () => RenewAsync(settings, options, key, rejected, cancellationToken),
            options.LoginTimeout,
            () => TellWaitingForSignIn(session),
            cancellationToken,
            prepare: () => tokens.Store.TryPrepareFolder()).ConfigureAwait(false);
    }

    /// <summary>Under the session's lock: a refresh if the cached token allows one, else a sign-in.</summary>
    private async Task<CachedToken> RenewAsync(SsoSettings settings, SsoOptions options, string key, Secret? rejected, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var stale = Read(session, key);
        if (stale is not null && rejected is not null && stale.AccessToken == rejected)
        {
            // Revoked server-side: record it as expired so no tool (the AWS CLI too) uses it again.
            stale.ExpiresAt = CacheTime.Format(time.GetUtcNow());
            Save(session, stale);
        }

        if (!session.IsLegacy && stale is not null && stale.CanRefresh(time.GetUtcNow())
            && await TryRefreshAsync(settings, stale, cancellationToken).ConfigureAwait(false) is { } refreshed)
        {
            // A service that issues tokens shorter than the margin would issue them to a sign-in
            // too: the fresh token is used as it is (botocore does the same), not a browser opened.
            if (!refreshed.IsValidFor(options.MinTtl, time.GetUtcNow()))
            {
                log.Debug("the refreshed token expires at {ExpiresAt}, within the margin of {Margin}; using it", refreshed.ExpiresAt, options.MinTtl);
            }

            return refreshed;
        }

        return await SignInAsync(settings, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in anew whatever is cached (login --force).</summary>
    public Task<CachedToken> ForceSignInAsync(SsoSettings settings, SsoOptions options, CancellationToken cancellationToken) =>
        // Nothing cached counts: the single flight only serialises the sign-in with other processes'.
        _flight.RunAsync<CachedToken>(
            SessionLockPath(settings.Session),
            static () => null,
            () => SignInAsync(settings, options, cancellationToken),
            options.LoginTimeout,
            () => TellWaitingForSignIn(settings.Session),
            cancellationToken,
            prepare: () => tokens.Store.TryPrepareFolder());

    /// <summary>
    /// For a process waiting on another lock (its role's): tells the person when the wait is
    /// really for another process's sign-in, i.e. when this session's lock is held elsewhere.
    /// </summary>
    public void TellIfSigningInElsewhere(SsoSession session)
    {
        if (locks.IsHeldElsewhere(SessionLockPath(session)))
        {
            TellWaitingForSignIn(session);
        }
    }

    /// <summary>The session's lock: one refresh or sign-in at a time, across processes.</summary>
    private string SessionLockPath(SsoSession session) => tokens.Store.LockPathOf(CacheKeys.Token(session));

    private void TellWaitingForSignIn(SsoSession session) =>
        notifier.Tell($"waiting for another ssocred process that is signing in to '{session.DisplayName}'…");

    /// <summary>The cached token file of the session, if it is one of this session's.</summary>
    public CachedToken? Read(SsoSession session, string key)
    {
        var token = tokens.Read(key);
        if (token is null || !token.IsUsable)
        {
            if (token is not null)
            {
                log.Debug("ignoring the token file {Path}: it has no access token or expiry", tokens.Store.PathOf(key));
            }

            return null;
        }

        if (token.StartUrl is { } url && url != session.StartUrl)
        {
            log.Debug("ignoring the token file {Path}: it is for {TokenStartUrl}, not {StartUrl}", tokens.Store.PathOf(key), url, session.StartUrl);
            return null;
        }

        return token;
    }

    private async Task<CachedToken?> TryRefreshAsync(SsoSettings settings, CachedToken stale, CancellationToken cancellationToken)
    {
        TokenGrant grant;
        using (var oidc = oidcFactory(settings.Endpoints))
        {
            try
            {
                grant = await oidc.RefreshAsync(stale.ClientId!, stale.ClientSecret!.Value, stale.RefreshToken!.Value, cancellationToken).ConfigureAwait(false);
            }
            catch (GrantRejectedException e)
            {
                log.Debug("the refresh was refused ({ErrorCode}); a sign-in is needed", e.ErrorCode);
                return null;
            }
        }

        var refreshed = new CachedToken
        {
            StartUrl = stale.StartUrl ?? settings.Session.StartUrl,
            Region = stale.Region ?? settings.Session.Region,
            AccessToken = grant.AccessToken,
            ExpiresAt = CacheTime.Format(time.GetUtcNow() + grant.ExpiresIn),
            ClientId = stale.ClientId,
            ClientSecret = stale.ClientSecret,
            RegistrationExpiresAt = stale.RegistrationExpiresAt,
            // The old refresh token may be dead already: the new one must be saved now or never.
            RefreshToken = grant.RefreshToken ?? stale.RefreshToken,
            Extra = stale.Extra,
        };
        Save(settings.Session, refreshed);
        log.Debug("refreshed the SSO token of {Session}; it expires at {ExpiresAt}", settings.Session.DisplayName, refreshed.ExpiresAt);
        return refreshed;
    }

    private async Task<CachedToken> SignInAsync(SsoSettings settings, SsoOptions options, CancellationToken cancellationToken)
    {
        if (signIn is null || options.NoLogin)
        {
            throw NoValidSession(settings);
        }

        var token = await signIn.SignInAsync(settings, options, cancellationToken).ConfigureAwait(false);
        Save(settings.Session, token);
        return token;
    }

    public void Save(SsoSession session, CachedToken token)
    {
        var key = CacheKeys.Token(session);
        try
        {
            try
            {
                tokens.Write(key, token);
            }
            catch (JsonException) when (token.Extra is not null)
            {
                // Another tool's fields that cannot be written back (a lone surrogate escape, for one).
                // The new refresh token must be saved whatever they are: the old one is spent.
                log.Debug("the token file {Path} has fields ssocred cannot write back; saving the token without them", tokens.Store.PathOf(key));
                token.Extra = null;
                tokens.Write(key, token);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("cannot write the token cache file {Path}: {Reason}", tokens.Store.PathOf(key), e.Message);
        }
    }

    public static SsocredException NoValidSession(SsoSettings settings) => new(
        $"no valid SSO session for '{settings.Session.DisplayName}'",
        $"run: ssocred login {settings.CommandLineSelector}");
}
