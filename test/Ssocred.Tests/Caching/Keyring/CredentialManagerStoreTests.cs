using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Caching.Keyring;
using Ssocred.Caching.Keyring.CredentialManager;
using Ssocred.Errors;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Caching.Keyring;

/// <summary>
/// The Credential Manager store at its seam: a vault that keeps credentials as Windows does,
/// including the 2,560-byte limit of a blob (CredWriteW refuses more), so an SSO token's entry
/// must span parts.
/// </summary>
public sealed class CredentialManagerStoreTests
{
    private const string Key = "ee0bfd2552fbd840c02cc48b6e823320543c450f";
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    private FakeVault _vault = null!;

    [SetUp]
    public void FreshVault() => _vault = new();

    [Test]
    public void A_small_entry_is_one_credential_named_for_its_kind_and_key_with_the_label_as_comment()
    {
        var labels = new KeyringLabels(KeyringItemKind.SsoToken).Default(KeyringLabels.SsoToken("corp"));

        new CredentialManagerStore(_vault, labels, new RecordingLog()).Set(Key, "small"u8.ToArray(), NoExpiry);

        Assert.That(_vault.Credentials.Keys, Is.EqualTo(new[] { $"ssocred/sso-token/{Key}" }));
        Assert.That(_vault.Comments[$"ssocred/sso-token/{Key}"], Is.EqualTo("ssocred: SSO token for corp"));
        Assert.That(Store().Get(Key), Is.EqualTo("small"u8.ToArray()));
    }

    [TestCase(2560)]
    [TestCase(9000)]
    [TestCase(40_000)]
    public void An_entry_longer_than_one_blob_spans_parts_and_reads_back_whole(int length)
    {
        var value = Bytes(length, seed: 1);

        Store().Set(Key, value, NoExpiry);

        Assert.That(Store().Get(Key), Is.EqualTo(value));
        Assert.That(_vault.Credentials.Values, Has.All.Length.LessThanOrEqualTo(_vault.MaxBlobSize), "no blob over the limit");
        Assert.That(_vault.Credentials, Has.Count.GreaterThan(1));
    }

    [Test]
    public void A_shorter_value_leaves_no_parts_of_the_longer_one_behind()
    {
        Store().Set(Key, Bytes(20_000, seed: 1), NoExpiry);
        Store().Set(Key, Bytes(100, seed: 2), NoExpiry);

        Assert.That(_vault.Credentials.Keys, Is.EqualTo(new[] { $"ssocred/sso-token/{Key}" }));
        Assert.That(Store().Get(Key), Is.EqualTo(Bytes(100, seed: 2)));
    }

    [Test]
    public void Parts_of_two_different_writes_read_as_absent_never_as_a_splice()
    {
        Store().Set(Key, Bytes(9000, seed: 1), NoExpiry);
        var oldPart = _vault.Credentials[$"ssocred/sso-token/{Key}#1"];
        Store().Set(Key, Bytes(9000, seed: 2), NoExpiry);
        _vault.Credentials[$"ssocred/sso-token/{Key}#1"] = oldPart;

        Assert.That(Store().Get(Key), Is.Null);
    }

    [Test]
    public void Remove_deletes_every_part_and_only_that_entry()
    {
        Store().Set(Key, Bytes(9000, seed: 1), NoExpiry);
        Store().Set("0000000000000000000000000000000000000000", "other"u8.ToArray(), NoExpiry);

        Store().Remove(Key);
        Store().Remove(Key);

        Assert.That(_vault.Credentials.Keys, Is.EqualTo(new[] { "ssocred/sso-token/0000000000000000000000000000000000000000" }));
        Assert.That(Store().Get(Key), Is.Null);
        Assert.That(Store().Contains(Key), Is.False);
    }

    [Test]
    public void Keys_lists_the_entries_of_its_kind_without_their_parts()
    {
        Store().Set(Key, Bytes(9000, seed: 1), NoExpiry);
        new CredentialManagerStore(_vault, new KeyringLabels(KeyringItemKind.RoleCredentials), new RecordingLog()).Set("1111111111111111111111111111111111111111", [1], NoExpiry);

        Assert.That(Store().Keys(), Is.EqualTo(new[] { Key }));
    }

    [Test]
    public void A_credential_another_program_wrote_under_the_name_is_absent_not_a_crash()
    {
        _vault.Credentials[$"ssocred/sso-token/{Key}"] = "not ours"u8.ToArray();

        Assert.That(Store().Get(Key), Is.Null);
    }

    [Test]
    public void A_logon_session_without_credentials_is_an_exit_1_failure_saying_so()
    {
        _vault.Failure = new CredentialVaultException("CredReadW", CredentialVaultException.NoSuchLogonSession);

        var failure = Assert.Throws<SsocredException>(() => Store().Get(Key));

        Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(failure.Message, Is.EqualTo("the keyring (Windows Credential Manager) cannot be reached: this logon session cannot keep credentials (a service or network logon)"));
    }

    [Test]
    public void Any_other_error_is_refused_with_its_code()
    {
        _vault.Failure = new CredentialVaultException("CredWriteW", 5);

        var failure = Assert.Throws<SsocredException>(() => Store().Set(Key, [1], NoExpiry));

        Assert.That(failure!.Message, Does.Contain("refused to store a credential: CredWriteW failed with Win32 error 5"));
    }

    private CredentialManagerStore Store() => new(_vault, new KeyringLabels(KeyringItemKind.SsoToken), new RecordingLog());

    private static byte[] Bytes(int length, int seed) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (((i * 7) + seed) % 26)))));

    /// <summary>Generic credentials as Windows keeps them: by name, a blob of at most 2,560 bytes, a comment.</summary>
    private sealed class FakeVault : ICredentialVault
    {
        public SortedDictionary<string, byte[]> Credentials { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Comments { get; } = new(StringComparer.Ordinal);

        public CredentialVaultException? Failure { get; set; }

        public int MaxBlobSize => 2560;

        public byte[]? Read(string target)
        {
            ThrowIfFailing();
            return Credentials.TryGetValue(target, out var blob) ? blob : null;
        }

        public void Write(string target, string comment, ReadOnlySpan<byte> blob)
        {
            ThrowIfFailing();
            if (blob.Length > MaxBlobSize)
            {
                throw new CredentialVaultException("CredWriteW", 87); // ERROR_INVALID_PARAMETER, as Windows answers
            }

            Credentials[target] = blob.ToArray();
            Comments[target] = comment;
        }

        public bool Delete(string target)
        {
            ThrowIfFailing();
            Comments.Remove(target);
            return Credentials.Remove(target);
        }

        public IReadOnlyList<string> Enumerate(string filter)
        {
            ThrowIfFailing();
            var prefix = filter.TrimEnd('*');
            return Credentials.Keys.Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        private void ThrowIfFailing()
        {
            if (Failure is not null)
            {
                throw Failure;
            }
        }
    }
}
