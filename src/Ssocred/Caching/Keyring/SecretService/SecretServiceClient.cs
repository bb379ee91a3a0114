using Ssocred.Diagnostics;
using Ssocred.Errors;
using Tmds.DBus.Protocol;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>
/// The process's one conversation with the Secret Service, shared by the token, registration and
/// role-credential stores: connects on first use, opens the encrypted session alongside the
/// first search (so a warm read waits for one round trip, not two), unlocks through the
/// service's prompt, and turns every D-Bus failure into a sentence for a person.
/// </summary>
/// <param name="transport">
/// The session's transport; by default plain. The session bus is the user's own, and the Secret
/// Service answers any process of the user that asks, so the encrypted transport only hides
/// secrets from a recording of the bus, and it costs the warm path some 35 million instructions
/// (two 1024-bit modular powers in managed code, and loading OpenSSL for HKDF and AES): the
/// difference between about 5 and about 20 ms. SSOCRED_SECRET_SERVICE_TRANSPORT=dh chooses it.
/// </param>
internal sealed class SecretServiceClient(
    string? address,
    TimeSpan callTimeout,
    TimeSpan promptTimeout,
    ILog log,
    Func<ISecretTransport>? transport = null) : IDisposable
{
    public const string DisplayName = "Secret Service";

    private Task<SecretServiceBus>? _bus;
    private Task<string>? _session;
    private ISecretTransport? _transport;

    /// <summary>The open session's transport (after <see cref="SessionAsync"/> completed).</summary>
    public ISecretTransport Transport => _transport ?? throw new InvalidOperationException("no session is open");

    public Task<SecretServiceBus> BusAsync() => _bus ??= ConnectAsync();

    /// <summary>The open session; the first call starts OpenSession without waiting for it.</summary>
    public Task<string> SessionAsync() => _session ??= OpenSessionAsync();

    /// <summary>Unlocks the objects, prompting the person where the service asks to: the unlocked paths.</summary>
    public async Task<string[]> UnlockAsync(IReadOnlyList<string> objects)
    {
        var bus = await BusAsync().ConfigureAwait(false);
        var (unlocked, prompt) = await bus.UnlockAsync(objects).ConfigureAwait(false);
        if (prompt == SecretServiceBus.NoPrompt)
        {
            return unlocked;
        }

        log.Debug("the keyring is locked: asking the Secret Service to prompt for it");
        var result = await PromptAsync(bus, prompt, "unlock").ConfigureAwait(false);
        return result.Type == VariantValueType.Array ? result.GetArray<ObjectPath>().Select(path => path.ToString()).ToArray() : unlocked;
    }

    /// <summary>Runs a prompt the service returned; a dismissed prompt means the person said no.</summary>
    public async Task<VariantValue> PromptAsync(SecretServiceBus bus, string prompt, string operation)
    {
        bool dismissed;
        VariantValue result;
        try
        {
            (dismissed, result) = await bus.PromptAsync(prompt, promptTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw KeyringFailure.Locked(DisplayName, $"nobody answered its prompt to {operation} within {promptTimeout.TotalSeconds:0} s", e);
        }

        return dismissed
            ? throw KeyringFailure.Locked(DisplayName, $"its prompt to {operation} was dismissed")
            : result;
    }

    /// <summary>Runs a keyring operation, turning a D-Bus failure into an exit-1 sentence.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw Translate(operation, e);
        }
    }

    public void Dispose()
    {
        if (_bus is { IsCompletedSuccessfully: true } bus)
        {
            bus.Result.Dispose();
        }
    }

    private async Task<SecretServiceBus> ConnectAsync()
    {
        if (address is null)
        {
            throw KeyringFailure.Unreachable(DisplayName, "there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        }

        try
        {
            return await SecretServiceBus.ConnectAsync(address, callTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SsocredException)
        {
            throw KeyringFailure.Unreachable(DisplayName, $"cannot connect to the D-Bus session bus at {address} ({Reason(e)})", e);
        }
    }

    private async Task<string> OpenSessionAsync()
    {
        var bus = await BusAsync().ConfigureAwait(false);
        // Made here, not before: an encrypted transport's key pair is spent only when a secret moves.
        _transport = transport?.Invoke() ?? new PlainSecretTransport();
        try
        {
            return await bus.OpenSessionAsync(_transport).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName == "org.freedesktop.DBus.Error.NotSupported" && _transport is not PlainSecretTransport)
        {
            // A service without the encrypted transport: plain, which every service offers, is the
            // protection every other client of that service gets.
            log.Debug("the Secret Service does not offer {Algorithm}; using plain", _transport.Algorithm);
            _transport = new PlainSecretTransport();
            return await bus.OpenSessionAsync(_transport).ConfigureAwait(false);
        }
    }

    private SsocredException Translate(string operation, Exception e) => e switch
    {
        DBusErrorReplyException reply when IsNoService(reply.ErrorName) =>
            KeyringFailure.Unreachable(DisplayName, $"no Secret Service ({SecretServiceBus.ServiceName}) answers on the D-Bus session bus", e),
        DBusErrorReplyException { ErrorName: "org.freedesktop.Secret.Error.IsLocked" } =>
            KeyringFailure.Locked(DisplayName, "the collection stayed locked", e),
        DBusErrorReplyException { ErrorName: "org.freedesktop.Secret.Error.NoSuchObject" } =>
            KeyringFailure.Refused(DisplayName, operation, "it has no default collection (create one, e.g. in Seahorse)", e),
        DBusErrorReplyException { ErrorName: "org.freedesktop.DBus.Error.NoReply" } or TimeoutException =>
            KeyringFailure.Unreachable(DisplayName, $"it did not answer within {callTimeout.TotalSeconds:0} s", e),
        DBusErrorReplyException reply =>
            KeyringFailure.Refused(DisplayName, operation, $"{reply.ErrorName}: {reply.ErrorMessage}", e),
        DBusConnectionClosedException or DBusConnectFailedException or IOException or System.Net.Sockets.SocketException =>
            KeyringFailure.Unreachable(DisplayName, $"the D-Bus connection failed ({Reason(e)})", e),
        _ => KeyringFailure.Refused(DisplayName, operation, Reason(e), e),
    };

    private static bool IsNoService(string errorName) =>
        errorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner"
        || errorName.StartsWith("org.freedesktop.DBus.Error.Spawn", StringComparison.Ordinal);

    private static string Reason(Exception e) => e.InnerException is { } inner ? $"{e.Message}: {inner.Message}" : e.Message;
}
