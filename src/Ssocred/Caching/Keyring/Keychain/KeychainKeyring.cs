namespace Ssocred.Caching.Keyring.Keychain;

/// <summary>The login Keychain of macOS.</summary>
internal sealed class KeychainKeyring(IKeychain keychain) : IKeyring
{
    public string DisplayName => KeychainStore.DisplayName;

    public IKeyringStore Store(KeyringLabels labels) => new KeychainStore(keychain, labels);

    public Task<string?> ProbeAsync()
    {
        try
        {
            _ = Store(new KeyringLabels(KeyringItemKind.SsoToken)).Contains("0000000000000000000000000000000000000000");
            return Task.FromResult<string?>(null);
        }
        catch (Errors.SsocredException e)
        {
            return Task.FromResult<string?>(e.Message);
        }
    }

    public void Dispose()
    {
    }
}
