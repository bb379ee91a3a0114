using Ssocred.Diagnostics;
using Ssocred.Errors;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>The Secret Service (Linux and the BSDs): one D-Bus conversation shared by every store of the process.</summary>
internal sealed class SecretServiceKeyring(SecretServiceClient client, ILog log) : IKeyring
{
    public string DisplayName => SecretServiceClient.DisplayName;

    public IKeyringStore Store(KeyringLabels labels) => new SecretServiceStore(client, labels, log);

    public async Task<KeyringProbe> ProbeAsync()
    {
        try
        {
            var locked = await client.RunAsync("answer", async () =>
            {
                var bus = await client.BusAsync().ConfigureAwait(false);
                return await bus.IsLockedAsync(SecretServiceBus.DefaultCollection, isCollection: true).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return KeyringProbe.Answering(locked ? "answers; its default collection is locked, so the next use asks it to prompt for the password" : "answers; its default collection is unlocked");
        }
        catch (SsocredException e)
        {
            return KeyringProbe.Failing(e);
        }
    }

    public void Dispose() => client.Dispose();
}
