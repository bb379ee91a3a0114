using System.Security.Cryptography;
using System.Text;

namespace Ssocred.Serving;

/// <summary>
/// The secret a client of the endpoint must send as its Authorization header: 32 random bytes
/// (256 bits) in base64url, new at every start, compared in constant time so that timing
/// reveals nothing of it.
/// </summary>
internal sealed class ServeToken
{
    private readonly byte[] _bytes;

    private ServeToken(string value)
    {
        Value = value;
        _bytes = Encoding.ASCII.GetBytes(value);
    }

    /// <summary>The token as the environment variable carries it (only the launcher reveals it).</summary>
    public string Value { get; }

    public static ServeToken Create() => new(Base64Url(RandomNumberGenerator.GetBytes(32)));

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.Latin1.GetBytes(presented), _bytes);

    public override string ToString() => "***";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
