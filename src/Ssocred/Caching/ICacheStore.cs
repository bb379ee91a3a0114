using Microsoft.Extensions.Caching.Distributed;

namespace Ssocred.Caching;

/// <summary>
/// Where cache entries live: read and written through <see cref="IDistributedCache"/>, plus what
/// the credential path needs around an entry that IDistributedCache has no word for: how
/// messages name it, the lock beside it, readying the store before a write, and listing
/// entries (logout --all). The AWS CLI's folders are one implementation (<see cref="FileCacheStore"/>).
/// </summary>
internal interface ICacheStore : IDistributedCache
{
    /// <summary>How messages name an entry (a file's path).</summary>
    string Where(string key);

    /// <summary>The lock file of an entry: one refresh or fetch at a time, across processes.</summary>
    string LockPathOf(string key);

    /// <summary>Readies the store for a write and its lock; false (warned) where it cannot be.</summary>
    bool TryPrepare();

    /// <summary>Whether the entry exists at all, readable or not.</summary>
    bool Contains(string key);

    /// <summary>Every entry's key.</summary>
    IEnumerable<string> Keys();

    /// <summary>What one entry is in a person's words, for logout's count.</summary>
    string EntryName => "cached file";

    /// <summary>
    /// What an entry holds, in words ("AdministratorAccess in 111122223333"), for stores that show
    /// their entries to people: a keyring labels its items with it. Files need no such name.
    /// </summary>
    void Name(string key, string description)
    {
    }
}
