using Ssocred.Caching.Keyring.CredentialManager;
using Ssocred.Caching.Keyring.Keychain;
using Ssocred.Caching.Keyring.SecretService;
using Ssocred.Diagnostics;
using Ssocred.Platform;

namespace Ssocred.Caching.Keyring;

/// <summary>The keyring of this OS: the Credential Manager on Windows, the login Keychain on macOS, the Secret Service elsewhere.</summary>
internal static class OsKeyring
{
    /// <summary>How long one keyring call may take before ssocred says the keyring does not answer.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <param name="promptTimeout">How long a person has to answer the keyring's unlock prompt.</param>
    public static IKeyring Create(IEnvironment environment, IFileSystem fileSystem, TimeSpan promptTimeout, ILog log)
    {
        if (OperatingSystem.IsWindows())
        {
            return new CredentialManagerKeyring(new WindowsCredentialVault(), log);
        }

        if (OperatingSystem.IsMacOS())
        {
            return new KeychainKeyring(new SecurityFrameworkKeychain());
        }

        return new SecretServiceKeyring(new SecretServiceClient(SessionBusAddress.Find(environment, fileSystem), CallTimeout, promptTimeout, log), log);
    }
}
