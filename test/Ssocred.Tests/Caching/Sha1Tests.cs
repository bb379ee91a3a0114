using System.Security.Cryptography;
using System.Text;
using Ssocred.Caching;

namespace Ssocred.Tests.Caching;

public class Sha1Tests
{
    [TestCase("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [TestCase("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void Matches_the_published_test_vectors(string text, string expected) =>
        Assert.That(Convert.ToHexStringLower(Sha1.HashData(Encoding.ASCII.GetBytes(text))), Is.EqualTo(expected));

    [Test]
    public void Matches_the_platform_sha1_at_every_length_around_the_block_boundaries()
    {
        var data = new byte[300];
        new Random(1).NextBytes(data);
        for (var length = 0; length <= data.Length; length++)
        {
#pragma warning disable CA5350 // The reference implementation, to compare with.
            var expected = SHA1.HashData(data.AsSpan(0, length));
#pragma warning restore CA5350
            Assert.That(Sha1.HashData(data.AsSpan(0, length)), Is.EqualTo(expected), $"length {length}");
        }
    }
}
