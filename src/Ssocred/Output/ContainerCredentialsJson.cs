using System.Text;
using Ssocred.Caching;

namespace Ssocred.Output;

/// <summary>
/// The container-credentials answer every AWS SDK reads from AWS_CONTAINER_CREDENTIALS_FULL_URI:
/// {"AccessKeyId":…,"SecretAccessKey":…,"Token":…,"Expiration":"…Z","AccountId":…}.
/// </summary>
internal static class ContainerCredentialsJson
{
    public static byte[] Render(RoleCredentials credentials, string accountId)
    {
        var json = new StringBuilder(1024).Append("{\"AccessKeyId\":");
        JsonText.AppendString(json, credentials.AccessKeyId);
        json.Append(",\"SecretAccessKey\":");
        JsonText.AppendString(json, credentials.SecretAccessKey.Reveal());
        json.Append(",\"Token\":");
        JsonText.AppendString(json, credentials.SessionToken.Reveal());
        json.Append(",\"Expiration\":");
        JsonText.AppendString(json, CacheTime.Format(credentials.Expiration));
        json.Append(",\"AccountId\":");
        JsonText.AppendString(json, accountId);
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
