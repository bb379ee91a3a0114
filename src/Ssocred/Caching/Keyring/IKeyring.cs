namespace Ssocred.Caching.Keyring;

/// <summary>This machine's OS keyring: a store for each kind of entry, and a name for messages.</summary>
internal interface IKeyring : IDisposable
{
    /// <summary>"Secret Service", "macOS Keychain" or "Windows Credential Manager".</summary>
    string DisplayName { get; }

    IKeyringStore Store(KeyringLabels labels);

    /// <summary>Whether the keyring answers now, and in what state (doctor).</summary>
    Task<KeyringProbe> ProbeAsync();
}

/// <param name="Detail">What a person should know: its state when it answers, else why it does not.</param>
internal sealed record KeyringProbe(bool Answers, string Detail)
{
    public static KeyringProbe Answering(string detail = "answers") => new(true, detail);

    public static KeyringProbe Failing(Errors.SsocredException failure) => new(false, failure.Message);
}
