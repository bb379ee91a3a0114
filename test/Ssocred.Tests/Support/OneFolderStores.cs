using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Diagnostics;

namespace Ssocred.Tests.Support;

/// <summary>Every kind of entry in one folder, so a test can put any file where any reader looks.</summary>
internal sealed class OneFolderStores(FileCacheStore store, ILog log) : ICacheStores
{
    private readonly SessionCaches _caches = new(new TokenCache(store, log), new RegistrationCache(store, log), new RoleCredentialCache(store, log));

    public IReadOnlyList<SessionCaches> All => [_caches];

    public SessionCaches For(SsoSession session) => _caches;
}
