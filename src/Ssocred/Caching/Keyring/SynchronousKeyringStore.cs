using Microsoft.Extensions.Caching.Distributed;

namespace Ssocred.Caching.Keyring;

/// <summary>
/// A keyring store whose OS calls are synchronous (the Keychain, the Credential Manager): the
/// members of <see cref="IDistributedCache"/> come from <see cref="SynchronousCache"/>.
/// </summary>
internal abstract class SynchronousKeyringStore : SynchronousCache, IKeyringStore
{
    public abstract KeyringItemKind Kind { get; }

    public abstract string Where(string key);

    public abstract bool Contains(string key);

    public abstract IEnumerable<string> Keys();
}
