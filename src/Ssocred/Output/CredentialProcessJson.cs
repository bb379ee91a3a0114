using System.Text.Encodings.Web;
using System.Text.Json;
using Ssocred.Caching;

namespace Ssocred.Output;

/// <summary>
/// The credential-process answer every AWS SDK reads:
/// {"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":"…Z"}.
/// </summary>
internal static class CredentialProcessJson
{
    public static byte[] Render(RoleCredentials credentials)
    {
        using var buffer = new MemoryStream(1024);
        // Relaxed escaping: '+' stays '+', as in the AWS CLI's output (still valid JSON; no HTML here).
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("Version", 1);
            json.WriteString("AccessKeyId", credentials.AccessKeyId);
            json.WriteString("SecretAccessKey", credentials.SecretAccessKey.Reveal());
            json.WriteString("SessionToken", credentials.SessionToken.Reveal());
            json.WriteString("Expiration", CacheTime.Format(credentials.Expiration));
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
