using Ssocred.Errors;

namespace Ssocred.Caching.Keyring;

/// <summary>
/// The failures a keyring store reports: always exit 1 with what happened, never a fall-back to
/// the files (SPEC §10), since falling back would write the secrets the person chose to keep off
/// the disk.
/// </summary>
internal static class KeyringFailure
{
    private const string Choice = "or choose the file cache for this session (--cache file)";

    /// <summary>The keyring service cannot be reached at all.</summary>
    public static SsocredException Unreachable(string keyring, string reason, Exception? inner = null) =>
        new($"the keyring ({keyring}) cannot be reached: {reason}", $"start or unlock your keyring, {Choice}", inner: inner);

    /// <summary>The keyring is locked and the person did not unlock it (or could not be asked).</summary>
    public static SsocredException Locked(string keyring, string reason, Exception? inner = null) =>
        new($"the keyring ({keyring}) is locked: {reason}", $"unlock it (e.g. in Seahorse or Keychain Access) and try again, {Choice}", inner: inner);

    /// <summary>The keyring answered with an error ssocred cannot work around.</summary>
    public static SsocredException Refused(string keyring, string operation, string reason, Exception? inner = null) =>
        new($"the keyring ({keyring}) refused to {operation}: {reason}", $"check the keyring, {Choice}", inner: inner);
}
