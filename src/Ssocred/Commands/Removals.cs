using Ssocred.Caching;
using Ssocred.Diagnostics;

namespace Ssocred.Commands;

/// <summary>Removes cache entries for logout and counts them in each store's own words ("3 cached file(s) and 3 keyring item(s)").</summary>
internal sealed class Removals(ILog log)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Remove(ICacheStore store, string key)
    {
        if (!store.Contains(key))
        {
            return;
        }

        store.Remove(key);
        log.Debug("removed {Path}", store.Where(key));
        _counts[store.EntryName] = _counts.GetValueOrDefault(store.EntryName) + 1;
    }

    /// <summary>The counts; with nothing removed, none of what <paramref name="usual"/> holds.</summary>
    public string Describe(ICacheStore usual) =>
        _counts.Count == 0
            ? $"0 {usual.EntryName}(s)"
            : string.Join(" and ", _counts.Select(count => $"{count.Value} {count.Key}(s)"));
}
