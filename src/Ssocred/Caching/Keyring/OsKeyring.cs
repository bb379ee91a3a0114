using Ssocred.Caching.Keyring.SecretService;
using Ssocred.Diagnostics;
using Ssocred.Platform;

namespace Ssocred.Caching.Keyring;

/// <summary>The keyring of this OS: the Secret Service on Linux and the BSDs.</summary>
internal static class OsKeyring
{
    /// <summary>How long one keyring call may take before ssocred says the keyring does not answer.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <param name="promptTimeout">How long a person has to answer the keyring's unlock prompt.</param>
    public static IKeyring Create(IEnvironment environment, IFileSystem fileSystem, TimeSpan promptTimeout, ILog log) =>
        new SecretServiceKeyring(new SecretServiceClient(SessionBusAddress.Find(environment, fileSystem), CallTimeout, promptTimeout, log), log);
}
