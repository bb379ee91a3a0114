using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Platform;

namespace Ssocred.Caching;

/// <summary>
/// The AWS CLI's cache folders for every session: tokens and client registrations in
/// ~/.aws/sso/cache, role credentials in ~/.aws/cli/cache.
/// </summary>
internal sealed class FileCacheStores : ICacheStores
{
    private readonly SessionCaches _caches;

    public FileCacheStores(string awsFolder, IFileSystem fileSystem, ILog log)
    {
        var tokens = TokenFolder = new FileCacheStore(Path.Combine(awsFolder, "sso", "cache"), fileSystem, log);
        var roles = RoleFolder = new FileCacheStore(Path.Combine(awsFolder, "cli", "cache"), fileSystem, log);
        _caches = new SessionCaches(new TokenCache(tokens, log), new RegistrationCache(tokens, log), new RoleCredentialCache(roles, log));
        All = [_caches];
    }

    public IReadOnlyList<SessionCaches> All { get; }

    /// <summary>~/.aws/sso/cache: tokens, registrations, and the session locks of every store.</summary>
    public FileCacheStore TokenFolder { get; }

    /// <summary>~/.aws/cli/cache: role credentials, and the role locks of every store.</summary>
    public FileCacheStore RoleFolder { get; }

    public SessionCaches For(SsoSession session) => _caches;
}
