using System.Numerics;
using System.Security.Cryptography;
using Tmds.DBus.Protocol;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>
/// <c>dh-ietf1024-sha256-aes128-cbc-pkcs7</c>, the encrypted transport of the Secret Service
/// specification (what libsecret uses): Diffie-Hellman in the 1024-bit MODP group of RFC 2409,
/// HKDF-SHA256 of the shared secret (no salt, no info) to a 128-bit key, then AES-CBC with PKCS#7
/// padding and a fresh IV in each secret's parameters. Over the session bus this keeps secrets
/// out of anything that records the bus traffic (dbus-monitor, a bus logger), which plain does not.
/// </summary>
internal sealed class DhAesSecretTransport : ISecretTransport
{
    private const int KeySize = 16;
    private const int PrimeSize = 128;

    // RFC 2409 §6.2, the Second Oakley Group; the generator is 2.
    private static readonly BigInteger Prime = BigInteger.Parse(
        "00FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
        + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
        + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    private readonly BigInteger _privateKey;
    private byte[]? _key;

    public DhAesSecretTransport()
    {
        // 256 random bits: twice the group's strength (about 80 bits) is enough for the exponent,
        // and a short one keeps the two modular powers cheap on the warm path.
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        _privateKey = new BigInteger(random, isUnsigned: true, isBigEndian: true) | BigInteger.One;
        Input = VariantValue.Array(BigInteger.ModPow(2, _privateKey, Prime).ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    public string Algorithm => "dh-ietf1024-sha256-aes128-cbc-pkcs7";

    public VariantValue Input { get; }

    public void Accept(VariantValue output)
    {
        var peer = new BigInteger(output.GetArray<byte>(), isUnsigned: true, isBigEndian: true);
        if (peer <= BigInteger.One || peer >= Prime - BigInteger.One)
        {
            throw new CryptographicException("the Secret Service sent an invalid public key");
        }

        // The shared secret as the service computes it: big-endian, zero-padded to the prime's size.
        var shared = BigInteger.ModPow(peer, _privateKey, Prime).ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[PrimeSize];
        shared.CopyTo(padded, PrimeSize - shared.Length);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, padded, KeySize, salt: [], info: []);
        CryptographicOperations.ZeroMemory(padded);
    }

    public (byte[] Parameters, byte[] Value) Seal(ReadOnlySpan<byte> secret)
    {
        var iv = RandomNumberGenerator.GetBytes(16);
        using var aes = NewAes();
        return (iv, aes.EncryptCbc(secret, iv, PaddingMode.PKCS7));
    }

    public byte[] Open(byte[] parameters, byte[] value)
    {
        using var aes = NewAes();
        return aes.DecryptCbc(value, parameters, PaddingMode.PKCS7);
    }

    private Aes NewAes()
    {
        var aes = Aes.Create();
        aes.Key = _key ?? throw new InvalidOperationException("the session's key has not been agreed yet");
        return aes;
    }
}
