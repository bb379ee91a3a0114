using System.Text;
using Ssocred.Output;

namespace Ssocred.Serving;

/// <summary>The error body SDKs show when a container-credentials endpoint refuses: {"code":…,"message":…}.</summary>
internal static class ErrorJson
{
    public static byte[] Render(string code, string message) =>
        Encoding.UTF8.GetBytes(JsonText.Object(("code", code), ("message", message)));
}
