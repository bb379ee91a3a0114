using System.Text;
using System.Text.Json.Nodes;

namespace Ssocred.Interop.Support;

/// <summary>One request as moto's recorder wrote it: method, URL, headers and body, exactly as received.</summary>
internal sealed record RecordedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The query-protocol action in the form body, such as <c>GetCallerIdentity</c>.</summary>
    public string? Action =>
        Encoding.UTF8.GetString(Body).Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "Action")
            .Select(pair => Uri.UnescapeDataString(pair[1]))
            .FirstOrDefault();

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static RecordedRequest Parse(string line)
    {
        var entry = JsonNode.Parse(line)!.AsObject();
        var body = entry["body"]?.GetValue<string>() ?? "";
        return new RecordedRequest(
            entry["method"]!.GetValue<string>(),
            new Uri(entry["url"]!.GetValue<string>()),
            entry["headers"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase),
            entry["body_encoded"]?.GetValue<bool>() == true ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
    }
}
