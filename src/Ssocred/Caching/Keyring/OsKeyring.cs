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

    /// <summary>"dh": the Secret Service session is the encrypted dh-ietf1024-sha256-aes128-cbc-pkcs7 one, not plain.</summary>
    public const string TransportVariable = "SSOCRED_SECRET_SERVICE_TRANSPORT";

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

        Func<ISecretTransport>? transport = environment.Get(TransportVariable) == "dh" ? () => new DhAesSecretTransport() : null;
        return new SecretServiceKeyring(new SecretServiceClient(SessionBusAddress.Find(environment, fileSystem), CallTimeout, promptTimeout, log, transport), log);
    }
}
