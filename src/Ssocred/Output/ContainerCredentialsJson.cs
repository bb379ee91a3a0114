using System.Text;
using Ssocred.Caching;
using Ssocred.Credentials;

namespace Ssocred.Output;

/// <summary>
/// The container-credentials answer every AWS SDK reads from AWS_CONTAINER_CREDENTIALS_FULL_URI:
/// {"AccessKeyId":…,"SecretAccessKey":…,"Token":…,"Expiration":"…Z","AccountId":…}.
/// </summary>
internal static class ContainerCredentialsJson
{
    public static byte[] Render(RoleCredentials credentials, string accountId) =>
        Encoding.UTF8.GetBytes(JsonText.Object(
            ("AccessKeyId", credentials.AccessKeyId),
            ("SecretAccessKey", credentials.SecretAccessKey.Reveal()),
            ("Token", credentials.SessionToken.Reveal()),
            ("Expiration", CacheTime.Format(credentials.Expiration)),
            ("AccountId", accountId)));
}
