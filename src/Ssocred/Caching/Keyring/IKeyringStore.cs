using Microsoft.Extensions.Caching.Distributed;

namespace Ssocred.Caching.Keyring;

/// <summary>
/// One kind of entry in an OS keyring (the Secret Service, the macOS Keychain, the Windows
/// Credential Manager): entries read and written through <see cref="IDistributedCache"/>, plus
/// what logout and doctor need to find them. Expiry lives inside each entry, so nothing slides.
/// </summary>
internal interface IKeyringStore : IDistributedCache
{
    KeyringItemKind Kind { get; }

    /// <summary>How messages name an entry, e.g. "the Secret Service item ssocred/sso-token/KEY".</summary>
    string Where(string key);

    /// <summary>Whether an item exists for the key, without reading (or unlocking) its secret.</summary>
    bool Contains(string key);

    /// <summary>The key of every item of this kind.</summary>
    IEnumerable<string> Keys();
}
