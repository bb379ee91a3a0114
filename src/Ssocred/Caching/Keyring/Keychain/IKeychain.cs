namespace Ssocred.Caching.Keyring.Keychain;

/// <summary>
/// Generic passwords of the user's default (login) Keychain, one member a Security.framework
/// call sequence, answering with its OSStatus so the store's logic is tested where macOS is not.
/// </summary>
internal interface IKeychain
{
    /// <summary>errSecSuccess with the password, errSecItemNotFound, or another status.</summary>
    int Find(string service, string account, out byte[]? password);

    /// <summary>Adds the item, or replaces the password and label of the one that exists.</summary>
    int Save(string service, string account, string label, ReadOnlySpan<byte> password);

    /// <summary>errSecSuccess, or errSecItemNotFound when there was none.</summary>
    int Delete(string service, string account);

    /// <summary>errSecSuccess with the account of every generic password of the service (none: an empty list).</summary>
    int ListAccounts(string service, out IReadOnlyList<string> accounts);
}

/// <summary>The OSStatus codes the store tells apart (SecBase.h).</summary>
internal static class KeychainStatus
{
    public const int Success = 0;
    public const int UserCanceled = -128;
    public const int NotAvailable = -25291;
    public const int AuthFailed = -25293;
    public const int NoSuchKeychain = -25294;
    public const int DuplicateItem = -25299;
    public const int ItemNotFound = -25300;
    public const int InteractionNotAllowed = -25308;
}
