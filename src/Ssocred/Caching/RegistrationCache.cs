using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>Client registrations in a store, in the AWS CLI v2's file shape (<see cref="CachedRegistration"/>).</summary>
internal sealed class RegistrationCache(ICacheStore store, ILog log)
{
    private readonly JsonEntryCache<CachedRegistration> _files = new(store, () => CacheJsonContext.Default.CachedRegistration, log);

    public ICacheStore Store => store;

    /// <summary>The registration; null when absent, unreadable or incomplete (logged at debug).</summary>
    public ClientRegistration? Read(string key) =>
        _files.Read(key, file => file.ToRegistration(), "ignoring the client registration file {Path}: it has no client id, secret or expiry");

    /// <exception cref="IOException">The entry cannot be written.</exception>
    public void Write(string key, ClientRegistration registration) => _files.Write(key, CachedRegistration.From(registration));
}
