using System.Text;
using Ssocred.Output;

namespace Ssocred.Serving;

/// <summary>The error body SDKs show when a container-credentials endpoint refuses: {"code":…,"message":…}.</summary>
internal static class ErrorJson
{
    public static byte[] Render(string code, string message)
    {
        var json = new StringBuilder(128).Append("{\"code\":");
        JsonText.AppendString(json, code);
        json.Append(",\"message\":");
        JsonText.AppendString(json, message);
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
