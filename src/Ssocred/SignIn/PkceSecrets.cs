using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Ssocred.Diagnostics;

namespace Ssocred.SignIn;

/// <summary>
/// The per-sign-in secrets of PKCE (RFC 7636, S256): the verifier, which only CreateToken ever
/// sees, its challenge, which the browser carries, and the state that ties the callback to this
/// sign-in.
/// </summary>
internal sealed record PkceSecrets(Secret CodeVerifier, string CodeChallenge, string State)
{
    // RFC 7636's unreserved characters; 64 of them, as the AWS CLI uses.
    private const string VerifierAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private const int VerifierLength = 64;

    public static PkceSecrets Create()
    {
        var verifier = RandomNumberGenerator.GetString(VerifierAlphabet, VerifierLength);
        return new PkceSecrets(
            new Secret(verifier),
            ChallengeOf(verifier),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
    }

    /// <summary>base64url, without padding, of SHA-256 of the verifier.</summary>
    public static string ChallengeOf(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
