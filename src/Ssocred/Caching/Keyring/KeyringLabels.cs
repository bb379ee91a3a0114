namespace Ssocred.Caching.Keyring;

/// <summary>
/// The names people see in Seahorse, <c>secret-tool</c>, Keychain Access or the Credential
/// Manager, e.g. "ssocred: AdministratorAccess in 111122223333". The cache key is a SHA-1 that
/// tells a person nothing, so whoever knows what a key stands for (the session, the role) names it
/// here before the store writes it.
/// </summary>
internal sealed class KeyringLabels(KeyringItemKind kind)
{
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private string? _default;

    public KeyringItemKind Kind { get; } = kind;

    public KeyringLabels Name(string key, string label)
    {
        _labels[key] = label;
        return this;
    }

    /// <summary>The label of every key not named on its own (a session's token: one per session).</summary>
    public KeyringLabels Default(string label)
    {
        _default = label;
        return this;
    }

    /// <summary>The label given to the key, else the default, else one that still says what the item is.</summary>
    public string For(string key) =>
        _labels.TryGetValue(key, out var label) ? label : _default ?? $"ssocred: {Kind.Description} {key}";

    public static string SsoToken(string sessionName) => $"ssocred: SSO token for {sessionName}";

    public static string ClientRegistration(string sessionName) => $"ssocred: client registration for {sessionName}";

    public static string RoleCredentials(string roleName, string accountId) => $"ssocred: {roleName} in {accountId}";
}
