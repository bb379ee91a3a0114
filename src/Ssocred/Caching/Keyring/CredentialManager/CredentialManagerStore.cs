using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using Ssocred.Diagnostics;

namespace Ssocred.Caching.Keyring.CredentialManager;

/// <summary>
/// One kind of entry as generic credentials of the Windows Credential Manager, named
/// <c>ssocred/KIND/KEY</c> and commented with a label a person can read. A credential holds at
/// most 2,560 bytes and an SSO token is longer, so an entry spans parts: the first
/// (<c>ssocred/KIND/KEY</c>) says how many there are, the others are <c>…#1</c>, <c>…#2</c>; every
/// part carries the same random generation, so a reader that meets parts of two writes sees the
/// entry as absent (and reads again under the lock) rather than a splice of both.
/// </summary>
internal sealed class CredentialManagerStore(ICredentialVault vault, KeyringLabels labels, ILog log) : SynchronousKeyringStore
{
    public const string DisplayName = "Windows Credential Manager";

    private const byte Version = 1;
    private const int GenerationSize = 16;
    private const int HeadSize = 2 + 4 + GenerationSize; // version, part count, length, generation

    public override KeyringItemKind Kind => labels.Kind;

    public override string Where(string key) => $"the {DisplayName} credential {Target(key)}";

    public override byte[]? Get(string key) => Run("read", () => Read(key));

    public override void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Run("store", () =>
    {
        Write(key, value);
        return true;
    });

    public override void Remove(string key) => Run("remove", () =>
    {
        vault.Delete(Target(key));
        foreach (var part in vault.Enumerate(Target(key) + "#*"))
        {
            vault.Delete(part);
        }

        return true;
    });

    public override bool Contains(string key) => Run("read", () => vault.Read(Target(key)) is not null);

    public override IEnumerable<string> Keys() => Run("list", () =>
    {
        var prefix = $"{KeyringItemKind.Service}/{Kind.Name}/";
        return vault.Enumerate(prefix + "*")
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && !name.Contains('#', StringComparison.Ordinal))
            .Select(name => name[prefix.Length..])
            .ToArray();
    });

    public string Target(string key) => $"{KeyringItemKind.Service}/{Kind.Name}/{key}";

    private static string PartTarget(string target, int part) => $"{target}#{part}";

    private byte[]? Read(string key)
    {
        var target = Target(key);
        if (vault.Read(target) is not { } head)
        {
            return null;
        }

        if (head.Length < HeadSize || head[0] != Version)
        {
            log.Debug("ignoring {Target}: not an entry ssocred wrote", target);
            return null;
        }

        var parts = head[1];
        var length = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(2));
        var generation = head.AsSpan(6, GenerationSize);
        var value = new List<byte>(length);
        value.AddRange(head.AsSpan(HeadSize).ToArray());
        for (var part = 1; part < parts; part++)
        {
            if (vault.Read(PartTarget(target, part)) is not { } blob
                || blob.Length < GenerationSize
                || !blob.AsSpan(0, GenerationSize).SequenceEqual(generation))
            {
                log.Debug("ignoring {Target}: its part {Part} is missing or of another write", target, part);
                return null;
            }

            value.AddRange(blob.AsSpan(GenerationSize).ToArray());
        }

        return value.Count == length ? [.. value] : null;
    }

    private void Write(string key, byte[] value)
    {
        var target = Target(key);
        var generation = RandomNumberGenerator.GetBytes(GenerationSize);
        var headRoom = vault.MaxBlobSize - HeadSize;
        var partRoom = vault.MaxBlobSize - GenerationSize;
        var parts = value.Length <= headRoom ? 1 : 1 + ((value.Length - headRoom + partRoom - 1) / partRoom);
        if (parts > byte.MaxValue)
        {
            throw new ArgumentException($"an entry of {value.Length} bytes is too large for the Credential Manager", nameof(value));
        }

        // The later parts first, the head last: a reader never finds a head whose parts are not there yet.
        var label = labels.For(key);
        for (var part = parts - 1; part >= 1; part--)
        {
            var offset = headRoom + ((part - 1) * partRoom);
            var slice = value.AsSpan(offset, Math.Min(partRoom, value.Length - offset));
            vault.Write(PartTarget(target, part), $"{label} (part {part + 1} of {parts})", [.. generation, .. slice]);
        }

        var head = new byte[HeadSize + Math.Min(headRoom, value.Length)];
        head[0] = Version;
        head[1] = (byte)parts;
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(2), value.Length);
        generation.CopyTo(head, 6);
        value.AsSpan(0, head.Length - HeadSize).CopyTo(head.AsSpan(HeadSize));
        vault.Write(target, label, head);

        // Parts a longer earlier write left behind.
        foreach (var stale in vault.Enumerate(target + "#*"))
        {
            if (int.TryParse(stale.AsSpan(target.Length + 1), out var part) && part >= parts)
            {
                vault.Delete(stale);
            }
        }
    }

    private static T Run<T>(string operation, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (CredentialVaultException e) when (e.Error == CredentialVaultException.NoSuchLogonSession)
        {
            throw KeyringFailure.Unreachable(DisplayName, "this logon session cannot keep credentials (a service or network logon)", e);
        }
        catch (CredentialVaultException e)
        {
            throw KeyringFailure.Refused(DisplayName, $"{operation} a credential", e.Message, e);
        }
    }
}
