namespace Ssocred.Caching.Keyring.CredentialManager;

/// <summary>
/// The Windows Credential Manager's generic credentials (CredReadW, CredWriteW, CredDeleteW,
/// CredEnumerateW), one member a call, so the store's logic is tested where Windows is not.
/// </summary>
internal interface ICredentialVault
{
    /// <summary>The largest blob one credential holds (CRED_MAX_CREDENTIAL_BLOB_SIZE: 5 × 512 bytes).</summary>
    int MaxBlobSize { get; }

    /// <summary>The credential's blob; null when there is none of that name.</summary>
    /// <exception cref="CredentialVaultException">Any other failure.</exception>
    byte[]? Read(string target);

    /// <summary>Creates or replaces the credential, kept for this user on this machine.</summary>
    void Write(string target, string comment, ReadOnlySpan<byte> blob);

    /// <summary>False when there was no credential of that name.</summary>
    bool Delete(string target);

    /// <summary>The names of the credentials that match a filter such as "ssocred/sso-token/*".</summary>
    IReadOnlyList<string> Enumerate(string filter);
}

/// <summary>A Credential Manager call failed with a Win32 error.</summary>
internal sealed class CredentialVaultException(string operation, int error)
    : Exception($"{operation} failed with Win32 error {error}")
{
    /// <summary>ERROR_NO_SUCH_LOGON_SESSION: no logon session to keep credentials for (a service account, a network logon).</summary>
    public const int NoSuchLogonSession = 1312;

    public int Error { get; } = error;
}
