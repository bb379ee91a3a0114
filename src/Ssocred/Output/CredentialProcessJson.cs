using System.Text;
using Ssocred.Caching;
using Ssocred.Credentials;

namespace Ssocred.Output;

/// <summary>
/// The credential-process answer every AWS SDK reads:
/// {"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":"…Z"}.
/// Written by hand: five known names and string values need no serializer, and Utf8JsonWriter's
/// encoder set-up alone cost a million instructions of the warm path (bench/findings.md).
/// </summary>
internal static class CredentialProcessJson
{
    public static byte[] Render(RoleCredentials credentials)
    {
        var json = new StringBuilder(1024)
            .Append("{\"Version\":1,\"AccessKeyId\":");
        JsonText.AppendString(json, credentials.AccessKeyId);
        json.Append(",\"SecretAccessKey\":");
        JsonText.AppendString(json, credentials.SecretAccessKey.Reveal());
        json.Append(",\"SessionToken\":");
        JsonText.AppendString(json, credentials.SessionToken.Reveal());
        json.Append(",\"Expiration\":");
        JsonText.AppendString(json, CacheTime.Format(credentials.Expiration));
        json.Append("}\n");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
