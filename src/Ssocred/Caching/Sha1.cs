using System.Buffers.Binary;
using System.Numerics;

namespace Ssocred.Caching;

/// <summary>
/// SHA-1 (FIPS 180-4) in managed code, only to name cache files as the AWS CLI names them.
/// System.Security.Cryptography.SHA1 would load and initialise OpenSSL (libssl, libcrypto and
/// openssl.cnf) on every run: about 10 million instructions and 3.5 MB of resident memory on the
/// warm path, for hashing some fifty bytes. It protects nothing, so no constant-time care is needed.
/// </summary>
internal static class Sha1
{
    public const int HashSize = 20;

    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        Span<uint> state = [0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u];
        Span<uint> w = stackalloc uint[80];
        var whole = data.Length - (data.Length % 64);
        for (var offset = 0; offset < whole; offset += 64)
        {
            Compress(state, w, data.Slice(offset, 64));
        }

        // The tail, a 0x80 byte, zeros, and the message length in bits (big-endian), in one or two blocks.
        Span<byte> last = stackalloc byte[128];
        last.Clear();
        var tail = data[whole..];
        tail.CopyTo(last);
        last[tail.Length] = 0x80;
        var padded = tail.Length < 56 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(last[(padded - 8)..], (ulong)data.Length * 8);
        for (var offset = 0; offset < padded; offset += 64)
        {
            Compress(state, w, last.Slice(offset, 64));
        }

        var hash = new byte[HashSize];
        for (var i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(hash.AsSpan(i * 4), state[i]);
        }

        return hash;
    }

    private static void Compress(Span<uint> state, Span<uint> w, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }

        for (var i = 16; i < 80; i++)
        {
            w[i] = BitOperations.RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        for (var i = 0; i < 80; i++)
        {
            var (f, k) = i switch
            {
                < 20 => ((b & c) | (~b & d), 0x5A827999u),
                < 40 => (b ^ c ^ d, 0x6ED9EBA1u),
                < 60 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDCu),
                _ => (b ^ c ^ d, 0xCA62C1D6u),
            };
            var temp = BitOperations.RotateLeft(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }
}
