using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Diagnostics;
using Tmds.DBus.Protocol;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>
/// One kind of cache entry (SSO tokens, client registrations or role credentials) as items of
/// the Secret Service (GNOME Keyring, KWallet, KeePassXC): entry KEY is the item whose attributes
/// are service=ssocred, kind=KIND, key=KEY, written to the default collection with a label a
/// person can read. Expiry lives inside each entry, as in the files, so nothing slides.
/// </summary>
internal sealed class SecretServiceStore(SecretServiceClient client, KeyringLabels labels, ILog log) : IKeyringStore
{
    public KeyringItemKind Kind => labels.Kind;

    public string Where(string key) => $"the {SecretServiceClient.DisplayName} item {KeyringItemKind.Service}/{Kind.Name}/{key}";

    public bool Contains(string key) => ContainsAsync(key).GetAwaiter().GetResult();

    public IEnumerable<string> Keys() => KeysAsync().GetAwaiter().GetResult();

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        client.RunAsync<byte[]?>($"read the {Kind.Description}", async () =>
        {
            var bus = await client.BusAsync().ConfigureAwait(false);
            // Both calls go out before either answer is awaited: one round trip for a warm read.
            var search = bus.SearchItemsAsync(Attributes(key));
            var session = client.SessionAsync();
            var item = await FindAsync(search).ConfigureAwait(false);
            if (item is null)
            {
                ObserveLater(session);
                return null;
            }

            var secret = await bus.GetSecretAsync(item, await session.ConfigureAwait(false), client.Transport).ConfigureAwait(false);
            log.Debug("read the {Kind} {Key} from the Secret Service ({Item})", Kind, key, item);
            return secret;
        });

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        client.RunAsync($"store the {Kind.Description}", async () =>
        {
            var bus = await client.BusAsync().ConfigureAwait(false);
            var session = await client.SessionAsync().ConfigureAwait(false);
            var (item, prompt) = await CreateAsync(bus, key, value, session).ConfigureAwait(false);
            if (prompt != SecretServiceBus.NoPrompt)
            {
                var result = await client.PromptAsync(bus, prompt, "store an item").ConfigureAwait(false);
                item = result.Type == VariantValueType.ObjectPath ? result.GetObjectPathAsString() : item;
            }

            log.Debug("stored the {Kind} {Key} in the Secret Service ({Item})", Kind, key, item);
            return true;
        });

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        client.RunAsync($"remove the {Kind.Description}", async () =>
        {
            var bus = await client.BusAsync().ConfigureAwait(false);
            var (unlocked, locked) = await bus.SearchItemsAsync(Attributes(key)).ConfigureAwait(false);
            var items = locked.Length == 0 ? unlocked : [.. unlocked, .. await client.UnlockAsync(locked).ConfigureAwait(false)];
            foreach (var item in items.Distinct(StringComparer.Ordinal))
            {
                var prompt = await bus.DeleteAsync(item).ConfigureAwait(false);
                if (prompt != SecretServiceBus.NoPrompt)
                {
                    await client.PromptAsync(bus, prompt, "delete an item").ConfigureAwait(false);
                }

                log.Debug("removed the {Kind} {Key} from the Secret Service ({Item})", Kind, key, item);
            }

            return true;
        });

    /// <summary>Whether an item exists for the key, without reading (or unlocking) its secret.</summary>
    public Task<bool> ContainsAsync(string key) =>
        client.RunAsync($"search for the {Kind.Description}", async () =>
        {
            var bus = await client.BusAsync().ConfigureAwait(false);
            var (unlocked, locked) = await bus.SearchItemsAsync(Attributes(key)).ConfigureAwait(false);
            return unlocked.Length + locked.Length > 0;
        });

    /// <summary>The key attribute of every item of this kind (logout --all).</summary>
    public Task<string[]> KeysAsync() =>
        client.RunAsync($"list the {Kind.Description} items", async () =>
        {
            var bus = await client.BusAsync().ConfigureAwait(false);
            var (unlocked, locked) = await bus.SearchItemsAsync([new("service", KeyringItemKind.Service), new("kind", Kind.Name)]).ConfigureAwait(false);
            var keys = new List<string>();
            foreach (var item in unlocked.Concat(locked))
            {
                if ((await bus.GetAttributesAsync(item).ConfigureAwait(false)).TryGetValue("key", out var key))
                {
                    keys.Add(key);
                }
            }

            return keys.Distinct(StringComparer.Ordinal).ToArray();
        });

    // Items do not slide: expiry lives inside each entry, as in the files.
    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    /// <summary>The attributes that name the entry, as SPEC §10 gives them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes(string key) =>
    [
        new("service", KeyringItemKind.Service),
        new("kind", Kind.Name),
        new("key", key),
    ];

    /// <summary>The first matching item, unlocking a locked one (the service prompts the person).</summary>
    private async Task<string?> FindAsync(Task<(string[] Unlocked, string[] Locked)> search)
    {
        var (unlocked, locked) = await search.ConfigureAwait(false);
        if (unlocked.Length > 0)
        {
            return unlocked[0];
        }

        if (locked.Length == 0)
        {
            return null;
        }

        var nowUnlocked = await client.UnlockAsync(locked[..1]).ConfigureAwait(false);
        return nowUnlocked.Length > 0
            ? nowUnlocked[0]
            : throw KeyringFailure.Locked(SecretServiceClient.DisplayName, "the item stayed locked after the prompt");
    }

    /// <summary>CreateItem in the default collection; a locked collection is unlocked (with a prompt) and tried once more.</summary>
    private async Task<(string Item, string Prompt)> CreateAsync(SecretServiceBus bus, string key, byte[] value, string session)
    {
        try
        {
            return await bus.CreateItemAsync(SecretServiceBus.DefaultCollection, labels.For(key), Attributes(key), session, client.Transport, value)
                .ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName == "org.freedesktop.Secret.Error.IsLocked")
        {
            await client.UnlockAsync([SecretServiceBus.DefaultCollection]).ConfigureAwait(false);
            return await bus.CreateItemAsync(SecretServiceBus.DefaultCollection, labels.For(key), Attributes(key), session, client.Transport, value)
                .ConfigureAwait(false);
        }
    }

    /// <summary>A session opened for a read that found nothing: its failure must not go unobserved.</summary>
    private static void ObserveLater(Task session) =>
        session.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
