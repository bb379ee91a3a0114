using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// Typed entries of one <see cref="FileCacheStore"/>: a file that is not JSON of the expected
/// shape counts as absent (logged at debug), never as a crash.
/// </summary>
internal sealed class JsonEntryCache<T>(FileCacheStore store, JsonTypeInfo<T> typeInfo, ILog log)
    where T : class
{
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    public FileCacheStore Store => store;

    public T? Read(string key)
    {
        if (store.Get(key) is not { } bytes)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException e)
        {
            // Never e.Message: System.Text.Json quotes the bytes after the fault, and those are tokens.
            log.Debug(
                "ignoring the cache file {Path}: it is not JSON of the expected shape (line {Line}, byte {Byte})",
                store.PathOf(key),
                e.LineNumber + 1,
                e.BytePositionInLine + 1);
            return null;
        }
    }

    public void Write(string key, T value) => store.Set(key, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), NoExpiry);
}
