using Microsoft.Extensions.Caching.Distributed;

namespace Ssocred.Caching.Keyring.Keychain;

/// <summary>
/// One kind of entry as generic passwords of the macOS login Keychain: service <c>ssocred</c>,
/// account <c>KIND/KEY</c>, labelled for Keychain Access. A locked Keychain prompts the person
/// (the Security framework does, as for any app); a refused or impossible prompt is exit 1.
/// </summary>
internal sealed class KeychainStore(IKeychain keychain, KeyringLabels labels) : SynchronousKeyringStore
{
    public const string DisplayName = "macOS Keychain";

    public override KeyringItemKind Kind => labels.Kind;

    public override string Where(string key) => $"the {DisplayName} item {KeyringItemKind.Service} / {Account(key)}";

    public override byte[]? Get(string key)
    {
        var status = keychain.Find(KeyringItemKind.Service, Account(key), out var password);
        if (status == KeychainStatus.ItemNotFound)
        {
            return null;
        }

        Check(status, "read");
        return password;
    }

    public override void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Check(keychain.Save(KeyringItemKind.Service, Account(key), labels.For(key), value), "store");

    public override void Remove(string key)
    {
        var status = keychain.Delete(KeyringItemKind.Service, Account(key));
        if (status != KeychainStatus.ItemNotFound)
        {
            Check(status, "remove");
        }
    }

    public override bool Contains(string key) => Get(key) is not null;

    public override IEnumerable<string> Keys()
    {
        Check(keychain.ListAccounts(KeyringItemKind.Service, out var accounts), "list");
        var prefix = Account("");
        return accounts.Where(account => account.StartsWith(prefix, StringComparison.Ordinal) && account.Length > prefix.Length)
            .Select(account => account[prefix.Length..])
            .ToList();
    }

    public string Account(string key) => $"{Kind.Name}/{key}";

    /// <summary>Returns on success; otherwise throws the failure for a person.</summary>
    private static void Check(int status, string operation) => _ = status switch
    {
        KeychainStatus.Success => true,
        KeychainStatus.InteractionNotAllowed => throw KeyringFailure.Locked(DisplayName, "it cannot ask for its password here (no window session)"),
        KeychainStatus.UserCanceled => throw KeyringFailure.Locked(DisplayName, "its prompt was dismissed"),
        KeychainStatus.AuthFailed => throw KeyringFailure.Locked(DisplayName, "the password given at its prompt was refused"),
        KeychainStatus.NoSuchKeychain or KeychainStatus.NotAvailable => throw KeyringFailure.Unreachable(DisplayName, $"there is no default keychain (OSStatus {status})"),
        _ => throw KeyringFailure.Refused(DisplayName, $"{operation} an item", $"OSStatus {status}"),
    };
}
