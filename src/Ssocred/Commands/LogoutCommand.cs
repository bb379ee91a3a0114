using System.Text.Json;
using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.SignIn;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred logout</c>: ends the sign-in on the service (Logout) and removes the session's token,
/// client registration and the role credentials obtained through it. A service that cannot be
/// reached does not stop the local clean-up. <c>--all</c> does this for every session the AWS CLI
/// or ssocred left in the caches, as <c>aws sso logout</c> does.
/// </summary>
internal sealed class LogoutCommand(
    ProfileResolver resolver,
    ConfigFileLoader configLoader,
    SessionTokens tokens,
    FileCacheStore tokenStore,
    FileCacheStore roleStore,
    IFileSystem fileSystem,
    Func<SsoEndpoints, SsoPortal> portalFactory,
    IUserNotifier notifier,
    TimeProvider time,
    ILog log)
{
    public async Task<int> RunAsync(SsoOptions options, bool all, CancellationToken cancellationToken)
    {
        var removed = all
            ? await LogoutEverySessionAsync(cancellationToken).ConfigureAwait(false)
            : await LogoutSessionAsync(resolver.Resolve(options, requireRole: false), cancellationToken).ConfigureAwait(false);
        return removed >= 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task<int> LogoutSessionAsync(SsoSettings settings, CancellationToken cancellationToken)
    {
        var session = settings.Session;
        var tokenKey = CacheKeys.Token(session);
        var roles = new HashSet<RoleTarget>();
        if (settings.ConfigPath is { } path && configLoader.TryLoad(path) is { } config)
        {
            roles.UnionWith(SessionProfiles.RolesOf(config, session));
        }

        if (tokens.Read(session, tokenKey) is { } token && token.Expiry > time.GetUtcNow())
        {
            using var portal = portalFactory(settings.Endpoints);
            try
            {
                // What the token could reach, so every role file it produced is found.
                foreach (var (account, accountRoles) in await AccountDirectory.ListAsync(portal, token.AccessToken!.Value, cancellationToken).ConfigureAwait(false))
                {
                    roles.UnionWith(accountRoles.Select(role => new RoleTarget(account.AccountId, role)));
                }
            }
            catch (SsocredException e)
            {
                log.Debug("cannot list the session's roles: {Reason}", e.Message);
            }

            await SignOutAsync(portal, token.AccessToken!.Value, session.DisplayName, cancellationToken).ConfigureAwait(false);
        }

        var removed = Remove(tokenStore, tokenKey)
            + Remove(tokenStore, CacheKeys.Registration(session, session.ConfiguredScopes))
            + roles.Sum(role => Remove(roleStore, CacheKeys.RoleCredentials(session, role)));
        notifier.Tell($"signed out of '{session.DisplayName}': removed {removed} cached file(s)");
        return removed;
    }

    private async Task<int> LogoutEverySessionAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var key in Keys(tokenStore))
        {
            using var file = Parse(tokenStore, key);
            if (file?.RootElement.TryGetProperty("accessToken", out _) == true)
            {
                var token = JsonSerializer.Deserialize(file.RootElement, CacheJsonContext.Default.CachedToken);
                if (token is { IsUsable: true } && token.Expiry > time.GetUtcNow())
                {
                    using var portal = portalFactory(resolver.EndpointsFor(token.Region ?? "us-east-1"));
                    await SignOutAsync(portal, token.AccessToken!.Value, token.StartUrl ?? key, cancellationToken).ConfigureAwait(false);
                }

                removed += Remove(tokenStore, key);
            }
            else if (file?.RootElement.TryGetProperty("clientSecret", out _) == true)
            {
                // A client registration: of no use once every session is gone.
                removed += Remove(tokenStore, key);
            }
        }

        foreach (var key in Keys(roleStore))
        {
            using var file = Parse(roleStore, key);
            if (file?.RootElement.TryGetProperty("ProviderType", out var provider) == true && provider.ValueEquals("sso"))
            {
                removed += Remove(roleStore, key);
            }
        }

        notifier.Tell($"signed out of every SSO session: removed {removed} cached file(s)");
        return removed;
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

    private List<string> Keys(FileCacheStore store) =>
        fileSystem.EnumerateFiles(store.Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();

    /// <summary>A cache file as a JSON object; null when absent or not a JSON object.</summary>
    private static JsonDocument? Parse(FileCacheStore store, string key)
    {
        if (store.Get(key) is not { } bytes)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private int Remove(FileCacheStore store, string key)
    {
        if (!fileSystem.FileExists(store.PathOf(key)))
        {
            return 0;
        }

        store.Remove(key);
        log.Debug("removed {Path}", store.PathOf(key));
        return 1;
    }
}
