using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Diagnostics;

namespace Ssocred.Caching;

/// <summary>
/// File shapes of one <see cref="ICacheStore"/>, (de)serialized: a file that is not JSON of the
/// expected shape counts as absent (logged at debug), never as a crash. Used by the typed caches,
/// which turn the shapes into domain types.
/// </summary>
internal sealed class JsonEntryCache<T>
    where T : class
{
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    private readonly ICacheStore _store;
    private readonly Lazy<JsonTypeInfo<T>> _typeInfo;
    private readonly ILog _log;

    public JsonEntryCache(ICacheStore store, JsonTypeInfo<T> typeInfo, ILog log)
        : this(store, () => typeInfo, log)
    {
    }

    /// <summary>
    /// With the type's JSON metadata built on first use: building it costs about a million
    /// instructions, which the warm path does not spend on a cache it never reads.
    /// </summary>
    public JsonEntryCache(ICacheStore store, Func<JsonTypeInfo<T>> typeInfo, ILog log)
    {
        _store = store;
        _typeInfo = new Lazy<JsonTypeInfo<T>>(typeInfo, LazyThreadSafetyMode.None);
        _log = log;
    }

    public ICacheStore Store => _store;

    public T? Read(string key)
    {
        if (_store.Get(key) is not { } bytes)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, _typeInfo.Value);
        }
        catch (JsonException e)
        {
            // Never e.Message: System.Text.Json quotes the bytes after the fault, and those are tokens.
            _log.Debug(
                "ignoring the cache file {Path}: it is not JSON of the expected shape (line {Line}, byte {Byte})",
                _store.Where(key),
                e.LineNumber + 1,
                e.BytePositionInLine + 1);
            return null;
        }
    }

    /// <summary>
    /// The file turned into its domain type; null when absent, unreadable, or when
    /// <paramref name="toEntry"/> finds it incomplete (then logged with <paramref name="incompleteTemplate"/>, given {Path}).
    /// </summary>
    public TEntry? Read<TEntry>(string key, Func<T, TEntry?> toEntry, string incompleteTemplate)
        where TEntry : class
    {
        if (Read(key) is not { } file)
        {
            return null;
        }

        var entry = toEntry(file);
        if (entry is null)
        {
            _log.Debug(incompleteTemplate, _store.Where(key));
        }

        return entry;
    }

    public void Write(string key, T value) => _store.Set(key, JsonSerializer.SerializeToUtf8Bytes(value, _typeInfo.Value), NoExpiry);
}
