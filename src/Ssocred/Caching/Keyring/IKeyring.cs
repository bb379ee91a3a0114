namespace Ssocred.Caching.Keyring;

/// <summary>This machine's OS keyring: a store for each kind of entry, and a name for messages.</summary>
internal interface IKeyring : IDisposable
{
    /// <summary>"Secret Service", "macOS Keychain" or "Windows Credential Manager".</summary>
    string DisplayName { get; }

    IKeyringStore Store(KeyringLabels labels);

    /// <summary>Whether the keyring answers now (doctor): null when it does, else why not.</summary>
    Task<string?> ProbeAsync();
}
