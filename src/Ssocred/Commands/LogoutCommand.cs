using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred logout</c>: ends the sign-in on the service (Logout) and removes the session's token,
/// client registration and the role credentials obtained through it. A service that cannot be
/// reached does not stop the local clean-up. <c>--all</c> does this for every session the AWS CLI
/// or ssocred left in the caches, as <c>aws sso logout</c> does.
/// </summary>
internal sealed class LogoutCommand(
    RequestResolver resolver,
    ConfigFileLoader configLoader,
    SessionTokens tokens,
    ICacheStores stores,
    Func<SsoEndpoints, SsoPortal> portalFactory,
    IUserNotifier notifier,
    TimeProvider time,
    ILog log)
{
    public async Task<int> RunAsync(SsoOptions options, bool all, CancellationToken cancellationToken)
    {
        if (all)
        {
            await LogoutEverySessionAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await LogoutSessionAsync(resolver.Resolve(options, requireRole: false).Settings, cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private async Task LogoutSessionAsync(SsoSettings settings, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var caches = stores.For(session);
        var roles = new HashSet<RoleTarget>();
        if (settings.ConfigPath is { } path && configLoader.TryLoad(path) is { } config)
        {
            roles.UnionWith(SessionProfiles.RolesOf(config, session));
        }

        if (tokens.Read(session) is { } token && token.ExpiresAt > time.GetUtcNow())
        {
            using var portal = portalFactory(settings.Endpoints);
            try
            {
                // What the token could reach, so every role file it produced is found.
                foreach (var (account, accountRoles) in await AccountDirectory.ListAsync(portal, token.AccessToken, cancellationToken).ConfigureAwait(false))
                {
                    roles.UnionWith(accountRoles.Select(role => new RoleTarget(account.AccountId, role)));
                }
            }
            catch (SsocredException e)
            {
                log.Debug("cannot list the session's roles: {Reason}", e.Message);
            }

            await SignOutAsync(portal, token.AccessToken, session.DisplayName, cancellationToken).ConfigureAwait(false);
        }

        var removed = new Removals(log);
        removed.Remove(caches.Tokens.Store, CacheKeys.Token(session));
        removed.Remove(caches.Registrations.Store, CacheKeys.Registration(session, session.ConfiguredScopes));
        foreach (var role in roles)
        {
            removed.Remove(caches.Roles.Store, CacheKeys.RoleCredentials(session, role));
        }

        notifier.Tell($"signed out of '{session.DisplayName}': removed {removed.Describe(caches.Tokens.Store)}");
    }

    private async Task LogoutEverySessionAsync(CancellationToken cancellationToken)
    {
        var removed = new Removals(log);
        foreach (var caches in stores.All)
        {
            foreach (var key in caches.Tokens.Store.Keys())
            {
                if (caches.Tokens.Read(key) is { } token)
                {
                    if (token.ExpiresAt > time.GetUtcNow())
                    {
                        using var portal = portalFactory(resolver.EndpointsFor(token.Region ?? "us-east-1"));
                        await SignOutAsync(portal, token.AccessToken, token.StartUrl ?? key, cancellationToken).ConfigureAwait(false);
                    }

                    removed.Remove(caches.Tokens.Store, key);
                }
            }

            // Client registrations: of no use once every session is gone. In the files they share
            // the tokens' folder; a keyring lists them apart.
            foreach (var key in caches.Registrations.Store.Keys())
            {
                if (caches.Registrations.Read(key) is not null)
                {
                    removed.Remove(caches.Registrations.Store, key);
                }
            }

            foreach (var key in caches.Roles.Store.Keys())
            {
                if (caches.Roles.HoldsSsoCredentials(key))
                {
                    removed.Remove(caches.Roles.Store, key);
                }
            }
        }

        notifier.Tell($"signed out of every SSO session: removed {removed.Describe(stores.All[0].Tokens.Store)}");
    }

    private async Task SignOutAsync(SsoPortal portal, Secret accessToken, string name, CancellationToken cancellationToken)
    {
        try
        {
            await portal.LogoutAsync(accessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (SsocredException e)
        {
            log.Warning("could not end the sign-in of '{Session}' on the service ({Reason}); the local files are removed anyway", name, e.Message);
        }
    }
}
