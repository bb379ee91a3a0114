using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Caching.Keyring;
using Ssocred.Caching.Keyring.SecretService;
using Ssocred.Errors;
using Ssocred.Tests.Support;
using Ssocred.TestSupport;

namespace Ssocred.Tests.Caching.Keyring;

/// <summary>
/// The Secret Service store against a real gnome-keyring-daemon on a private bus the test starts:
/// what it writes is checked from outside with secret-tool (libsecret), which also proves the
/// encrypted transport agrees with the reference client.
/// </summary>
[NonParallelizable]
public sealed class SecretServiceStoreTests
{
    private const string Key = "5811043bbe9834d43b2a849958afa0f2b5f12b4e";
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    private PrivateSecretService _service = null!;
    private readonly List<SecretServiceClient> _clients = [];

    [SetUp]
    public async Task StartSecretService()
    {
        if (!PrivateSecretService.IsInstalled)
        {
            throw MissingTool.Of("dbus-daemon or gnome-keyring-daemon (apt-get install dbus-daemon gnome-keyring libsecret-tools)");
        }

        _service = await PrivateSecretService.StartAsync();
    }

    [TearDown]
    public async Task StopSecretService()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Test]
    public async Task A_stored_entry_is_read_back_byte_for_byte()
    {
        var store = Store(KeyringItemKind.RoleCredentials);
        var value = Encoding.UTF8.GetBytes("""{"ProviderType":"sso","Credentials":{"AccessKeyId":"ASIA…é"}}""");

        await store.SetAsync(Key, value, NoExpiry);

        Assert.That(await Store(KeyringItemKind.RoleCredentials).GetAsync(Key), Is.EqualTo(value), "a new process (a new client) reads it");
        Assert.That(store.Get(Key), Is.EqualTo(value), "the synchronous read agrees");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Items_carry_the_attributes_and_label_of_the_spec(bool encrypted)
    {
        var labels = new KeyringLabels(KeyringItemKind.RoleCredentials).Name(Key, KeyringLabels.RoleCredentials("AdministratorAccess", "111122223333"));
        await Store(labels, encrypted ? () => new DhAesSecretTransport() : null).SetAsync(Key, "secret-json"u8.ToArray(), NoExpiry);

        var (exitCode, stdout, stderr) = await _service.SecretToolAsync("search", "--all", "service", "ssocred", "kind", "role-credentials", "key", Key);
        stdout += stderr; // secret-tool prints the attributes on stderr

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("label = ssocred: AdministratorAccess in 111122223333"));
        Assert.That(stdout, Does.Contain("attribute.service = ssocred"));
        Assert.That(stdout, Does.Contain("attribute.kind = role-credentials"));
        Assert.That(stdout, Does.Contain($"attribute.key = {Key}"));
        Assert.That(stdout, Does.Contain("secret = secret-json"), "libsecret reads what the session wrote");
        var items = await _service.ItemsAsync(("key", Key));
        Assert.That(items, Has.Length.EqualTo(1));
        Assert.That(items[0], Does.StartWith("/org/freedesktop/secrets/collection/login/"), "the default collection of a fresh keyring is login");
    }

    [Test]
    public async Task An_item_libsecret_wrote_is_read_through_the_encrypted_session_too()
    {
        var (exitCode, _, stderr) = await _service.SecretToolAsync("store", "--label=by hand", "service", "ssocred", "kind", "sso-token", "key", Key);
        Assert.That(exitCode, Is.Zero, stderr);

        // secret-tool store read its secret from stdin, which the helper closed: an empty secret.
        Assert.That(await Store(KeyringItemKind.SsoToken).GetAsync(Key), Is.Empty);
        Assert.That(await Store(new KeyringLabels(KeyringItemKind.SsoToken), () => new DhAesSecretTransport()).GetAsync(Key), Is.Empty);
    }

    [Test]
    public async Task Setting_again_replaces_the_item_instead_of_adding_one()
    {
        var store = Store(KeyringItemKind.SsoToken);
        await store.SetAsync(Key, "first"u8.ToArray(), NoExpiry);
        await store.SetAsync(Key, "second"u8.ToArray(), NoExpiry);

        Assert.That(await _service.ItemsAsync(("service", "ssocred"), ("key", Key)), Has.Length.EqualTo(1));
        Assert.That(await Store(KeyringItemKind.SsoToken).GetAsync(Key), Is.EqualTo("second"u8.ToArray()));
    }

    [Test]
    public async Task An_absent_entry_reads_as_null()
    {
        Assert.That(await Store(KeyringItemKind.SsoToken).GetAsync(Key), Is.Null);
        Assert.That(Store(KeyringItemKind.SsoToken).Get(Key), Is.Null);
    }

    [Test]
    public async Task Kinds_do_not_see_each_others_items()
    {
        await Store(KeyringItemKind.SsoToken).SetAsync(Key, "token"u8.ToArray(), NoExpiry);
        await Store(KeyringItemKind.ClientRegistration).SetAsync(Key, "registration"u8.ToArray(), NoExpiry);

        Assert.That(await Store(KeyringItemKind.SsoToken).GetAsync(Key), Is.EqualTo("token"u8.ToArray()));
        Assert.That(await Store(KeyringItemKind.ClientRegistration).GetAsync(Key), Is.EqualTo("registration"u8.ToArray()));
        Assert.That(await Store(KeyringItemKind.RoleCredentials).GetAsync(Key), Is.Null);
    }

    [Test]
    public async Task Remove_deletes_the_item_and_an_absent_one_is_no_error()
    {
        var store = Store(KeyringItemKind.RoleCredentials);
        await store.SetAsync(Key, "value"u8.ToArray(), NoExpiry);
        await store.SetAsync("0000000000000000000000000000000000000000", "other"u8.ToArray(), NoExpiry);

        await store.RemoveAsync(Key);
        store.Remove(Key);

        Assert.That(await store.GetAsync(Key), Is.Null);
        Assert.That(await _service.ItemsAsync(("service", "ssocred"), ("key", Key)), Is.Empty);
        Assert.That(await store.GetAsync("0000000000000000000000000000000000000000"), Is.EqualTo("other"u8.ToArray()), "only that entry goes");
    }

    [Test]
    public async Task Refresh_changes_nothing_since_expiry_lives_inside_the_entry()
    {
        var store = Store(KeyringItemKind.RoleCredentials);
        await store.SetAsync(Key, "value"u8.ToArray(), NoExpiry);

        await store.RefreshAsync(Key);
        store.Refresh(Key);
        store.Refresh("absent");

        Assert.That(await store.GetAsync(Key), Is.EqualTo("value"u8.ToArray()));
        Assert.That(await _service.ItemsAsync(("service", "ssocred")), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task The_encrypted_transport_reads_and_writes_the_same_items_as_plain()
    {
        var encrypted = Store(new KeyringLabels(KeyringItemKind.SsoToken), () => new DhAesSecretTransport());
        await encrypted.SetAsync(Key, "encrypted"u8.ToArray(), NoExpiry);

        Assert.That(await Store(KeyringItemKind.SsoToken).GetAsync(Key), Is.EqualTo("encrypted"u8.ToArray()));
        Assert.That(await encrypted.GetAsync(Key), Is.EqualTo("encrypted"u8.ToArray()));
    }

    [Test]
    public async Task A_locked_keyring_whose_unlock_prompt_is_dismissed_is_an_exit_1_failure_not_a_miss()
    {
        await Store(KeyringItemKind.RoleCredentials).SetAsync(Key, "value"u8.ToArray(), NoExpiry);
        await _service.RestartLockedAsync();

        var read = Assert.ThrowsAsync<SsocredException>(() => Store(KeyringItemKind.RoleCredentials).GetAsync(Key));
        var write = Assert.ThrowsAsync<SsocredException>(() => Store(KeyringItemKind.RoleCredentials).SetAsync(Key, "new"u8.ToArray(), NoExpiry));

        Assert.That(read!.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(read.Message, Does.Contain("keyring (Secret Service) is locked"));
        Assert.That(read.Message, Does.Contain("dismissed"));
        Assert.That(write!.Message, Does.Contain("is locked"));
    }

    [Test]
    public async Task A_bus_without_a_Secret_Service_is_a_clear_failure()
    {
        await _service.StopKeyringAsync();

        var failure = Assert.ThrowsAsync<SsocredException>(() => Store(KeyringItemKind.SsoToken).GetAsync(Key));

        Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(failure.Message, Is.EqualTo("the keyring (Secret Service) cannot be reached: no Secret Service (org.freedesktop.secrets) answers on the D-Bus session bus"));
        Assert.That(failure.Hint, Does.Contain("--cache file"));
    }

    [Test]
    public void No_session_bus_at_all_is_a_clear_failure()
    {
        var client = Client(address: null);

        var failure = Assert.ThrowsAsync<SsocredException>(() => new SecretServiceStore(client, new KeyringLabels(KeyringItemKind.SsoToken), new RecordingLog()).GetAsync(Key));

        Assert.That(failure!.Message, Does.Contain("there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"));
    }

    [Test]
    public void A_bus_address_nothing_listens_on_is_a_clear_failure()
    {
        var client = Client(address: $"unix:path={Path.Combine(_service.RuntimeDirectory, "nothing-here")}");

        var failure = Assert.ThrowsAsync<SsocredException>(() => new SecretServiceStore(client, new KeyringLabels(KeyringItemKind.SsoToken), new RecordingLog()).SetAsync(Key, [1], NoExpiry));

        Assert.That(failure!.Message, Does.StartWith("the keyring (Secret Service) cannot be reached: cannot connect to the D-Bus session bus at unix:path="));
    }

    private SecretServiceStore Store(KeyringItemKind kind) => Store(new KeyringLabels(kind));

    private SecretServiceStore Store(KeyringLabels labels, Func<ISecretTransport>? transport = null) =>
        new(Client(_service.Address, transport), labels, new RecordingLog());

    private SecretServiceClient Client(string? address, Func<ISecretTransport>? transport = null)
    {
        var client = new SecretServiceClient(address, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), new RecordingLog(), transport);
        _clients.Add(client);
        return client;
    }
}
