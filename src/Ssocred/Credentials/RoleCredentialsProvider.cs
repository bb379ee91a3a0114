using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;

namespace Ssocred.Credentials;

/// <summary>
/// Role credentials for a request, in the order of SPEC §1: cached credentials with the margin
/// left; else, under the role's lock, GetRoleCredentials with a valid token (refreshing or
/// signing in as needed, <see cref="SessionTokens"/>), written back to the cache the AWS CLI shares.
/// </summary>
internal sealed class RoleCredentialsProvider(
    ICacheStores stores,
    CrossProcessLock locks,
    SessionTokens tokens,
    Func<SsoEndpoints, SsoPortal> portalFactory,
    TimeProvider time,
    ILog log)
{
    private readonly SingleFlight _flight = new(locks);

    public async Task<RoleCredentials> GetAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var session = request.Session;
        var role = request.Settings.Role ?? throw new InvalidOperationException("a role is needed");
        var policy = request.Refresh;
        var roles = stores.For(session).Roles;
        var key = CacheKeys.RoleCredentials(session, role);
        RoleCredentials? Cached()
        {
            var credentials = policy.ForceRefresh ? null : roles.Read(key);
            var valid = credentials is not null && CredentialPlan.UsesCached(policy, credentials, time.GetUtcNow());
            if (log.IsDebugEnabled)
            {
                // -v and log files say what the warm path did too: the one path a person debugging an SDK sees.
                log.Debug(
                    valid ? "using the cached role credentials in {Path}, valid until {Expiration}"
                    : credentials is not null ? "the cached role credentials in {Path} expire at {Expiration}, within the margin; renewing them"
                    : policy.ForceRefresh ? "not reading {Path}: --force-refresh" : "no usable role credentials cached in {Path}",
                    roles.Store.Where(key),
                    credentials is null ? null : CacheTime.Format(credentials.Expiration));
            }

            return valid ? credentials : null;
        }

        // The warm path is SingleFlight's first check: one small file read, nothing else.
        return await _flight.RunAsync(
            roles.Store.LockPathOf(key),
            Cached,
            async () =>
            {
                var fetched = await FetchAsync(request, role, cancellationToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                var credentials = fetched with { FetchedAt = now };
                log.Debug("GetRoleCredentials gave credentials valid until {Expiration}; caching them in {Path}", CacheTime.Format(credentials.Expiration), roles.Store.Where(key));
                if (!credentials.IsValidFor(policy.Margin, now))
                {
                    // No fetch can do better: the service issues credentials this long. Said, and used as they are.
                    log.Warning(
                        "--min-ttl {Margin} is longer than the credentials IAM Identity Center issues (these are valid until {Expiration}); using them as they are",
                        SignIn.DurationText.Describe(policy.Margin),
                        CacheTime.Format(credentials.Expiration));
                }

                try
                {
                    roles.Write(key, credentials, role);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.Warning("cannot write the credential cache file {Path}: {Reason}", roles.Store.Where(key), e.Message);
                }

                return credentials;
            },
            policy.LockWait,
            // The role's lock may be held by a process that is signing in: the wait then needs saying.
            () => tokens.TellIfSigningInElsewhere(session, policy.LockWait),
            cancellationToken,
            prepare: () => roles.Store.TryPrepare()).ConfigureAwait(false);
    }

    /// <summary>
    /// What <see cref="GetAsync"/> would do now, from the caches alone: no lock, no write, no call.
    /// </summary>
    public CredentialPlan Plan(CredentialRequest request)
    {
        var role = request.Settings.Role ?? throw new InvalidOperationException("a role is needed");
        var credentials = stores.For(request.Session).Roles.Read(CacheKeys.RoleCredentials(request.Session, role));
        return CredentialPlan.For(request, credentials, tokens.Read(request.Session), time.GetUtcNow());
    }

    /// <summary>
    /// How a credential endpoint (serve, exec --server) fetches: the same path, except that a
    /// request never forces a refresh (the endpoint's own memory is what --force-refresh skips).
    /// </summary>
    public Func<CancellationToken, Task<RoleCredentials>> ForEndpoint(CredentialRequest request)
    {
        var fetch = request with { Refresh = request.Refresh with { ForceRefresh = false } };
        return cancel => GetAsync(fetch, cancel);
    }

    private async Task<RoleCredentials> FetchAsync(CredentialRequest request, RoleTarget role, CancellationToken cancellationToken)
    {
        using var portal = portalFactory(request.Settings.Endpoints);
        return await SignedInCall.RunAsync(
            tokens,
            request,
            log,
            accessToken => portal.GetRoleCredentialsAsync(accessToken, role, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }
}
