using System.Text;
using Ssocred.Caching;
using Ssocred.Credentials;

namespace Ssocred.Output;

/// <summary>
/// `ssocred export`: the formats of `aws configure export-credentials` (process, env,
/// env-no-export, powershell, windows-cmd, fish), plus a .env file body.
/// </summary>
internal static class CredentialExport
{
    public const string DefaultFormat = "env";

    public static readonly IReadOnlyList<string> Formats = ["process", "env", "env-no-export", "powershell", "windows-cmd", "fish", "dotenv"];

    /// <param name="region">The profile's region: AWS_REGION and AWS_DEFAULT_REGION too (not in the process format, which has no place for it).</param>
    public static byte[] Render(RoleCredentials credentials, string format, string? region = null)
    {
        if (format == "process")
        {
            return CredentialProcessJson.Render(credentials);
        }

        Func<string, string, string> line = format switch
        {
            "env" => (name, value) => $"export {name}={value}",
            "env-no-export" or "dotenv" => (name, value) => $"{name}={value}",
            "powershell" => (name, value) => $"$Env:{name}=\"{value}\"",
            "windows-cmd" => (name, value) => $"set {name}={value}",
            "fish" => (name, value) => $"set -gx {name} \"{value}\"",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format"),
        };

        // "\n" even on Windows for the POSIX shells, as the AWS CLI forces it; cmd and PowerShell take it too.
        var text = new StringBuilder()
            .Append(line("AWS_ACCESS_KEY_ID", credentials.AccessKeyId)).Append('\n')
            .Append(line("AWS_SECRET_ACCESS_KEY", credentials.SecretAccessKey.Reveal())).Append('\n')
            .Append(line("AWS_SESSION_TOKEN", credentials.SessionToken.Reveal())).Append('\n')
            .Append(line("AWS_CREDENTIAL_EXPIRATION", CacheTime.Format(credentials.Expiration))).Append('\n');
        if (region is not null)
        {
            text.Append(line("AWS_REGION", region)).Append('\n')
                .Append(line("AWS_DEFAULT_REGION", region)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
