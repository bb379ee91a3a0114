namespace Ssocred.Caching.Keyring.Keychain;

/// <summary>The login Keychain of macOS.</summary>
internal sealed class KeychainKeyring(IKeychain keychain) : IKeyring
{
    public string DisplayName => KeychainStore.DisplayName;

    public IKeyringStore Store(KeyringLabels labels) => new KeychainStore(keychain, labels);

    public Task<KeyringProbe> ProbeAsync()
    {
        try
        {
            _ = Store(new KeyringLabels(KeyringItemKind.SsoToken)).Contains("0000000000000000000000000000000000000000");
            return Task.FromResult(KeyringProbe.Answering());
        }
        catch (Errors.SsocredException e)
        {
            return Task.FromResult(KeyringProbe.Failing(e));
        }
    }

    public void Dispose()
    {
    }
}
