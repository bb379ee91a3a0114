using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FakeIdentityCenter;

/// <summary>PKCE (RFC 7636), method S256.</summary>
public static class Pkce
{
    /// <summary>base64url without padding of SHA-256 of the verifier's ASCII bytes.</summary>
    public static string S256Challenge(string codeVerifier)
    {
        ArgumentNullException.ThrowIfNull(codeVerifier);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
    }
}
