using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.SignIn;

namespace Ssocred.Commands;

/// <summary>
/// Role credentials for a profile, in the order of SPEC §1: cached credentials with the margin
/// left; else, under the role's lock, GetRoleCredentials with a valid token (refreshing or
/// signing in as needed), written back to the cache the AWS CLI shares.
/// </summary>
internal sealed class RoleCredentialsProvider(
    JsonEntryCache<CachedRoleCredentials> roles,
    CrossProcessLock locks,
    SessionTokens tokens,
    Func<SsoEndpoints, SsoPortal> portalFactory,
    TimeProvider time,
    ILog log)
{
    private readonly SingleFlight _flight = new(locks);

    public async Task<RoleCredentials> GetAsync(SsoSettings settings, SsoOptions options, CancellationToken cancellationToken)
    {
        var role = settings.Role ?? throw new InvalidOperationException("a role is needed");
        var key = CacheKeys.RoleCredentials(settings.Session, role);
        RoleCredentials? Cached()
        {
            if (options.ForceRefresh)
            {
                return null;
            }

            if (roles.Store.Get(key) is not { } file)
            {
                return null;
            }

            var credentials = RoleCredentialsFile.TryParse(file);
            if (credentials is null)
            {
                log.Debug("ignoring the cache file {Path}: not complete role credentials in botocore's shape", roles.Store.PathOf(key));
            }

            return credentials is not null && credentials.IsValidFor(options.MinTtl, time.GetUtcNow()) ? credentials : null;
        }

        // The warm path is SingleFlight's first check: one small file read, nothing else.
        return await _flight.RunAsync(
            roles.Store.LockPathOf(key),
            Cached,
            async () =>
            {
                var credentials = await FetchAsync(settings, options, role, cancellationToken).ConfigureAwait(false);
                try
                {
                    roles.Write(key, CachedRoleCredentials.From(credentials, role.AccountId));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.Warning("cannot write the credential cache file {Path}: {Reason}", roles.Store.PathOf(key), e.Message);
                }

                return credentials;
            },
            options.LoginTimeout,
            // The role's lock may be held by a process that is signing in: the wait then needs saying.
            () => tokens.TellIfSigningInElsewhere(settings.Session),
            cancellationToken,
            prepare: () => roles.Store.TryPrepareFolder()).ConfigureAwait(false);
    }

    private async Task<RoleCredentials> FetchAsync(SsoSettings settings, SsoOptions options, RoleTarget role, CancellationToken cancellationToken)
    {
        using var portal = portalFactory(settings.Endpoints);
        return await SignedInCall.RunAsync(
            tokens,
            settings,
            options,
            log,
            accessToken => portal.GetRoleCredentialsAsync(accessToken, role, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }
}
