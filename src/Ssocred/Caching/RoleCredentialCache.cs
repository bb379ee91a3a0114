using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// Role credentials in a store, in botocore's file shape. Read with the hand-written reader
/// (<see cref="RoleCredentialsFile"/>): this is the warm path, one small read and no serializer.
/// </summary>
internal sealed class RoleCredentialCache(ICacheStore store, ILog log)
{
    private readonly JsonEntryCache<CachedRoleCredentials> _files = new(store, () => CacheJsonContext.Default.CachedRoleCredentials, log);

    public ICacheStore Store => store;

    /// <summary>The credentials; null when absent or not complete credentials in botocore's shape (logged at debug).</summary>
    public RoleCredentials? Read(string key)
    {
        if (store.Get(key) is not { } file)
        {
            return null;
        }

        var credentials = RoleCredentialsFile.TryParse(file);
        if (credentials is null)
        {
            log.Debug("ignoring the cache file {Path}: not complete role credentials in botocore's shape", store.Where(key));
        }

        return credentials;
    }

    /// <summary>Whether the entry was written by an SSO credential provider (ours or botocore's), for logout --all.</summary>
    public bool HoldsSsoCredentials(string key) => _files.Read(key)?.ProviderType == CachedRoleCredentials.SsoProvider;

    /// <exception cref="IOException">The entry cannot be written.</exception>
    public void Write(string key, RoleCredentials credentials, RoleTarget role)
    {
        store.Name(key, $"{role.RoleName} in {role.AccountId}");
        _files.Write(key, CachedRoleCredentials.From(credentials, role.AccountId));
    }
}
