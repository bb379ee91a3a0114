using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Caching.Keyring;
using Ssocred.Caching.Keyring.Keychain;
using Ssocred.Errors;

namespace Ssocred.Tests.Caching.Keyring;

/// <summary>
/// The Keychain store at its seam (no macOS here): items named as SPEC §10 asks, upserts, and
/// each OSStatus a locked or refusing Keychain answers turned into the right failure.
/// </summary>
public sealed class KeychainStoreTests
{
    private const string Key = "5811043bbe9834d43b2a849958afa0f2b5f12b4e";
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    private FakeKeychain _keychain = null!;

    [SetUp]
    public void FreshKeychain() => _keychain = new();

    [Test]
    public void An_entry_is_a_generic_password_of_service_ssocred_named_by_kind_and_key_and_labelled()
    {
        var labels = new KeyringLabels(KeyringItemKind.RoleCredentials).Name(Key, KeyringLabels.RoleCredentials("AdministratorAccess", "111122223333"));

        new KeychainStore(_keychain, labels).Set(Key, "json"u8.ToArray(), NoExpiry);

        var item = _keychain.Items[("ssocred", $"role-credentials/{Key}")];
        Assert.That(item.Label, Is.EqualTo("ssocred: AdministratorAccess in 111122223333"));
        Assert.That(item.Password, Is.EqualTo("json"u8.ToArray()));
        Assert.That(Store().Get(Key), Is.EqualTo("json"u8.ToArray()));
    }

    [Test]
    public void Setting_again_replaces_the_password_of_the_one_item()
    {
        Store().Set(Key, "first"u8.ToArray(), NoExpiry);
        Store().Set(Key, "second"u8.ToArray(), NoExpiry);

        Assert.That(_keychain.Items, Has.Count.EqualTo(1));
        Assert.That(Store().Get(Key), Is.EqualTo("second"u8.ToArray()));
    }

    [Test]
    public void An_absent_item_reads_as_null_and_removing_it_is_no_error()
    {
        Assert.That(Store().Get(Key), Is.Null);
        Assert.That(Store().Contains(Key), Is.False);
        Assert.DoesNotThrow(() => Store().Remove(Key));
    }

    [Test]
    public void Remove_deletes_the_item()
    {
        Store().Set(Key, "value"u8.ToArray(), NoExpiry);

        Store().Remove(Key);

        Assert.That(_keychain.Items, Is.Empty);
    }

    [Test]
    public void Keys_lists_the_items_of_its_own_kind_only_so_logout_all_finds_them()
    {
        Store().Set(Key, "role"u8.ToArray(), NoExpiry);
        Store().Set("other", "role"u8.ToArray(), NoExpiry);
        new KeychainStore(_keychain, new KeyringLabels(KeyringItemKind.SsoToken)).Set(Key, "token"u8.ToArray(), NoExpiry);
        _keychain.Items[("another-app", $"role-credentials/{Key}x")] = ("theirs", [1]);
        _keychain.Items[("ssocred", "role-credentials/")] = ("no key", [1]);

        Assert.That(Store().Keys(), Is.EquivalentTo(new[] { Key, "other" }));
        Assert.That(new KeychainStore(_keychain, new KeyringLabels(KeyringItemKind.SsoToken)).Keys(), Is.EqualTo(new[] { Key }));
    }

    [Test]
    public void A_keychain_that_refuses_the_listing_is_a_failure_not_an_empty_list()
    {
        _keychain.Status = KeychainStatus.UserCanceled;

        var list = Assert.Throws<SsocredException>(() => Store().Keys());

        Assert.That(list!.Message, Does.StartWith("the keyring (macOS Keychain) is locked: its prompt was dismissed"));
    }

    [TestCase(KeychainStatus.InteractionNotAllowed, "the keyring (macOS Keychain) is locked: it cannot ask for its password here")]
    [TestCase(KeychainStatus.UserCanceled, "the keyring (macOS Keychain) is locked: its prompt was dismissed")]
    [TestCase(KeychainStatus.AuthFailed, "the keyring (macOS Keychain) is locked: the password given at its prompt was refused")]
    [TestCase(KeychainStatus.NoSuchKeychain, "the keyring (macOS Keychain) cannot be reached: there is no default keychain")]
    [TestCase(-67671, "the keyring (macOS Keychain) refused to read an item: OSStatus -67671")]
    public void A_keychain_that_refuses_is_an_exit_1_failure_never_a_miss(int status, string message)
    {
        _keychain.Status = status;

        var read = Assert.Throws<SsocredException>(() => Store().Get(Key));
        var write = Assert.Throws<SsocredException>(() => Store().Set(Key, [1], NoExpiry));

        Assert.That(read!.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(read.Message, Does.StartWith(message));
        Assert.That(write!.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    private KeychainStore Store() => new(_keychain, new KeyringLabels(KeyringItemKind.RoleCredentials));

    /// <summary>Generic passwords by (service, account); a status to answer every call with, when set.</summary>
    private sealed class FakeKeychain : IKeychain
    {
        public Dictionary<(string Service, string Account), (string Label, byte[] Password)> Items { get; } = [];

        public int Status { get; set; } = KeychainStatus.Success;

        public int Find(string service, string account, out byte[]? password)
        {
            password = null;
            if (Status != KeychainStatus.Success)
            {
                return Status;
            }

            if (!Items.TryGetValue((service, account), out var item))
            {
                return KeychainStatus.ItemNotFound;
            }

            password = item.Password;
            return KeychainStatus.Success;
        }

        public int Save(string service, string account, string label, ReadOnlySpan<byte> password)
        {
            if (Status != KeychainStatus.Success)
            {
                return Status;
            }

            Items[(service, account)] = (label, password.ToArray());
            return KeychainStatus.Success;
        }

        public int Delete(string service, string account) =>
            Status != KeychainStatus.Success ? Status
            : Items.Remove((service, account)) ? KeychainStatus.Success
            : KeychainStatus.ItemNotFound;

        public int ListAccounts(string service, out IReadOnlyList<string> accounts)
        {
            accounts = Status == KeychainStatus.Success ? [.. Items.Keys.Where(item => item.Service == service).Select(item => item.Account)] : [];
            return Status;
        }
    }
}
