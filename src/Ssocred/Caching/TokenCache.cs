using System.Text.Json;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>SSO tokens in a store, in the AWS CLI v2's file shape (<see cref="CachedToken"/>).</summary>
internal sealed class TokenCache(ICacheStore store, ILog log)
{
    private readonly JsonEntryCache<CachedToken> _files = new(store, () => CacheJsonContext.Default.CachedToken, log);

    public ICacheStore Store => store;

    /// <summary>The token; null when absent, unreadable or without a token or expiry (logged at debug).</summary>
    public SsoToken? Read(string key) =>
        _files.Read(key, file => file.ToToken(), "ignoring the token file {Path}: it has no access token or expiry");

    /// <exception cref="IOException">The entry cannot be written.</exception>
    public void Write(string key, SsoToken token)
    {
        try
        {
            _files.Write(key, CachedToken.From(token));
        }
        catch (JsonException) when (token.ForeignFields is not null)
        {
            // Another tool's fields that cannot be written back (a lone surrogate escape, for one).
            // The new refresh token must be saved whatever they are: the old one is spent.
            log.Debug("the token file {Path} has fields ssocred cannot write back; saving the token without them", store.Where(key));
            _files.Write(key, CachedToken.From(token, withForeignFields: false));
        }
    }
}
