using Tmds.DBus.Protocol;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>
/// The calls of the freedesktop.org Secret Service API that ssocred makes, written and read by
/// hand over Tmds.DBus.Protocol (no reflection, so Native AOT keeps it). One connection per
/// process; each call gives up after the call timeout, so a hung service cannot hang ssocred.
/// </summary>
internal sealed class SecretServiceBus : IDisposable
{
    public const string ServiceName = "org.freedesktop.secrets";
    public const string DefaultCollection = "/org/freedesktop/secrets/aliases/default";
    public const string NoPrompt = "/";

    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string CollectionInterface = "org.freedesktop.Secret.Collection";
    private const string ItemInterface = "org.freedesktop.Secret.Item";
    private const string PromptInterface = "org.freedesktop.Secret.Prompt";
    private const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    private const string ContentType = "text/plain";

    private readonly DBusConnection _connection;
    private readonly TimeSpan _callTimeout;

    private SecretServiceBus(DBusConnection connection, TimeSpan callTimeout)
    {
        _connection = connection;
        _callTimeout = callTimeout;
    }

    public static async Task<SecretServiceBus> ConnectAsync(string address, TimeSpan callTimeout)
    {
        var connection = new DBusConnection(new DBusConnectionOptions(address) { AutoConnect = false });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(callTimeout).ConfigureAwait(false);
            return new SecretServiceBus(connection, callTimeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Service.OpenSession: the session path, once the transport has taken the service's answer.</summary>
    public Task<string> OpenSessionAsync(ISecretTransport transport)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "OpenSession", "sv");
        writer.WriteString(transport.Algorithm);
        writer.WriteVariant(transport.Input);
        return CallAsync(writer.CreateMessage(), static (message, state) =>
        {
            var reader = message.GetBodyReader();
            ((ISecretTransport)state!).Accept(reader.ReadVariantValue());
            return reader.ReadObjectPathAsString();
        }, transport);
    }

    /// <summary>Service.SearchItems over every collection: the matching items, unlocked and locked.</summary>
    public Task<(string[] Unlocked, string[] Locked)> SearchItemsAsync(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        var writer = _connection.GetMessageWriter();
        MessageBuffer call;
        try
        {
            writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "SearchItems", "a{ss}");
            WriteAttributes(ref writer, attributes);
            call = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }

        return CallAsync(call, static (message, _) =>
        {
            var reader = message.GetBodyReader();
            return (Paths(reader.ReadArrayOfObjectPath()), Paths(reader.ReadArrayOfObjectPath()));
        });
    }

    /// <summary>Item.GetSecret: the secret, opened with the session's transport.</summary>
    public Task<byte[]> GetSecretAsync(string item, string session, ISecretTransport transport)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, item, ItemInterface, "GetSecret", "o");
        writer.WriteObjectPath(session);
        return CallAsync(writer.CreateMessage(), static (message, state) =>
        {
            var reader = message.GetBodyReader();
            reader.AlignStruct();
            reader.ReadObjectPathAsString();
            var parameters = reader.ReadArrayOfByte();
            var value = reader.ReadArrayOfByte();
            return ((ISecretTransport)state!).Open(parameters, value);
        }, transport);
    }

    /// <summary>Collection.CreateItem, replacing an item with the same attributes: the item and a prompt (or "/").</summary>
    public Task<(string Item, string Prompt)> CreateItemAsync(
        string collection,
        string label,
        IReadOnlyList<KeyValuePair<string, string>> attributes,
        string session,
        ISecretTransport transport,
        ReadOnlySpan<byte> secret)
    {
        var (parameters, value) = transport.Seal(secret);
        var writer = _connection.GetMessageWriter();
        MessageBuffer call;
        try
        {
            writer.WriteMethodCallHeader(ServiceName, collection, CollectionInterface, "CreateItem", "a{sv}(oayays)b");
            var properties = writer.WriteDictionaryStart();
            writer.WriteDictionaryEntryStart();
            writer.WriteString("org.freedesktop.Secret.Item.Label");
            writer.WriteVariantString(label);
            writer.WriteDictionaryEntryStart();
            writer.WriteString("org.freedesktop.Secret.Item.Attributes");
            writer.WriteSignature("a{ss}");
            WriteAttributes(ref writer, attributes);
            writer.WriteDictionaryEnd(properties);
            writer.WriteStructureStart();
            writer.WriteObjectPath(session);
            writer.WriteArray(parameters);
            writer.WriteArray(value);
            writer.WriteString(ContentType);
            writer.WriteBool(true);
            call = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }

        return CallAsync(call, static (message, _) =>
        {
            var reader = message.GetBodyReader();
            return (reader.ReadObjectPathAsString(), reader.ReadObjectPathAsString());
        });
    }

    /// <summary>Item.Delete: a prompt, or "/".</summary>
    public Task<string> DeleteAsync(string item)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, item, ItemInterface, "Delete");
        return CallAsync(writer.CreateMessage(), static (message, _) => message.GetBodyReader().ReadObjectPathAsString());
    }

    /// <summary>Service.Unlock: what is unlocked now, and a prompt (or "/") for the rest.</summary>
    public Task<(string[] Unlocked, string Prompt)> UnlockAsync(IReadOnlyList<string> objects)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "Unlock", "ao");
        writer.WriteArray(objects.Select(path => new ObjectPath(path)).ToArray());
        return CallAsync(writer.CreateMessage(), static (message, _) =>
        {
            var reader = message.GetBodyReader();
            return (Paths(reader.ReadArrayOfObjectPath()), reader.ReadObjectPathAsString());
        });
    }

    /// <summary>Service.Lock (tests and doctor only: ssocred never locks a person's keyring).</summary>
    public Task LockAsync(IReadOnlyList<string> objects)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "Lock", "ao");
        writer.WriteArray(objects.Select(path => new ObjectPath(path)).ToArray());
        return CallAsync(writer.CreateMessage(), static (_, _) => true);
    }

    /// <summary>The Locked property of a collection or item.</summary>
    public Task<bool> IsLockedAsync(string path, bool isCollection)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, path, PropertiesInterface, "Get", "ss");
        writer.WriteString(isCollection ? CollectionInterface : ItemInterface);
        writer.WriteString("Locked");
        return CallAsync(writer.CreateMessage(), static (message, _) => message.GetBodyReader().ReadVariantValue().GetBool());
    }

    /// <summary>The Attributes property of an item (readable while the item is locked).</summary>
    public Task<Dictionary<string, string>> GetAttributesAsync(string item)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, item, PropertiesInterface, "Get", "ss");
        writer.WriteString(ItemInterface);
        writer.WriteString("Attributes");
        return CallAsync(writer.CreateMessage(), static (message, _) =>
        {
            var reader = message.GetBodyReader();
            reader.ReadSignature("a{ss}"u8);
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var end = reader.ReadDictionaryStart();
            while (reader.HasNext(end))
            {
                attributes[reader.ReadString()] = reader.ReadString();
            }

            return attributes;
        });
    }

    /// <summary>
    /// Prompt.Prompt, then waits for Completed: whether the person dismissed it, and its result.
    /// The wait is bounded by <paramref name="timeout"/>, since a person may walk away.
    /// </summary>
    public async Task<(bool Dismissed, VariantValue Result)> PromptAsync(string prompt, TimeSpan timeout)
    {
        var completed = new TaskCompletionSource<(bool, VariantValue)>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Watch before prompting, so a prompt that completes at once is not missed.
        using var watch = await _connection.WatchSignalAsync(
            ServiceName,
            prompt,
            PromptInterface,
            "Completed",
            static (message, _) =>
            {
                var reader = message.GetBodyReader();
                return (reader.ReadBool(), reader.ReadVariantValue());
            },
            notification =>
            {
                if (notification.HasValue)
                {
                    completed.TrySetResult(notification.Value);
                }
                else
                {
                    completed.TrySetException(notification.CompletionReason ?? new IOException("the prompt's signal stopped"));
                }
            },
            ObserverFlags.None,
            emitOnCapturedContext: false).AsTask().WaitAsync(_callTimeout).ConfigureAwait(false);

        await CallAsync(PromptCall(prompt), static (_, _) => true).ConfigureAwait(false);
        return await completed.Task.WaitAsync(timeout).ConfigureAwait(false);
    }

    private MessageBuffer PromptCall(string prompt)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(ServiceName, prompt, PromptInterface, "Prompt", "s");
        writer.WriteString(string.Empty); // no parent window: a command-line program has none
        return writer.CreateMessage();
    }

    public void Dispose() => _connection.Dispose();

    /// <remarks>
    /// The reply completes on the connection's reader, and what awaits it would run there too; the
    /// forced yield moves it to the thread pool, so that a caller blocking on a later call
    /// (IDistributedCache's synchronous methods) never blocks the thread that reads its reply.
    /// </remarks>
    private async Task<T> CallAsync<T>(MessageBuffer message, MessageValueReader<T> reader, object? state = null)
    {
        var result = await _connection.CallMethodAsync(message, reader, state).WaitAsync(_callTimeout).ConfigureAwait(false);
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        return result;
    }

    private static void WriteAttributes(ref MessageWriter writer, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        var dictionary = writer.WriteDictionaryStart();
        foreach (var (name, value) in attributes)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteString(value);
        }

        writer.WriteDictionaryEnd(dictionary);
    }

    private static string[] Paths(ObjectPath[] paths) => Array.ConvertAll(paths, path => path.ToString());
}
