using System.Text;
using Ssocred.Configuration;

namespace Ssocred.Caching;

/// <summary>
/// The cache file names the AWS CLI v2 and botocore use, so that each tool finds the other's
/// files: hex SHA-1 of the session name (or legacy start URL), of botocore's role-credential
/// key, and of the client-registration key.
/// </summary>
internal static class CacheKeys
{
    /// <summary>~/.aws/sso/cache/&lt;this&gt;.json holds the session's token.</summary>
    public static string Token(SsoSession session) => Sha1Hex(session.TokenCacheId);

    /// <summary>~/.aws/cli/cache/&lt;this&gt;.json, as botocore's SSOCredentialFetcher names it.</summary>
    public static string RoleCredentials(SsoSession session, RoleTarget role)
    {
        var fields = new Dictionary<string, object?>
        {
            ["accountId"] = role.AccountId,
            ["roleName"] = role.RoleName,
        };
        if (session.Name is not null)
        {
            fields["sessionName"] = session.Name;
        }
        else
        {
            fields["startUrl"] = session.StartUrl;
        }

        return Sha1Hex(PythonJson.Dumps(fields, compact: true));
    }

    /// <summary>~/.aws/sso/cache/&lt;this&gt;.json holds the PKCE client registration (AWS CLI v2).</summary>
    public static string Registration(SsoSession session, IReadOnlyList<string>? scopes) =>
        Sha1Hex(PythonJson.Dumps(
            new Dictionary<string, object?>
            {
                ["tool"] = "botocore",
                ["startUrl"] = session.StartUrl,
                ["region"] = session.Region,
                ["scopes"] = scopes,
                ["session_name"] = session.Name,
            },
            compact: false));

    public static string Sha1Hex(string text)
    {
        // Managed SHA-1: the platform's would load OpenSSL on the warm path (see Sha1).
        return Convert.ToHexStringLower(Sha1.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
