using Ssocred.Diagnostics;

namespace Ssocred.Caching.Keyring.CredentialManager;

/// <summary>The Credential Manager of Windows.</summary>
internal sealed class CredentialManagerKeyring(ICredentialVault vault, ILog log) : IKeyring
{
    public string DisplayName => CredentialManagerStore.DisplayName;

    public IKeyringStore Store(KeyringLabels labels) => new CredentialManagerStore(vault, labels, log);

    public Task<KeyringProbe> ProbeAsync()
    {
        try
        {
            _ = Store(new KeyringLabels(KeyringItemKind.SsoToken)).Keys().Count();
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
