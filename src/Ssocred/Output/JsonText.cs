using System.Globalization;
using System.Text;

namespace Ssocred.Output;

/// <summary>JSON strings written by hand for the few fixed shapes ssocred prints (no serializer on the hot paths).</summary>
internal static class JsonText
{
    /// <summary>An object of string members, in the order given.</summary>
    public static string Object(params ReadOnlySpan<(string Name, string Value)> members)
    {
        var json = new StringBuilder(1024).Append('{');
        foreach (var (name, value) in members)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            AppendString(json, name);
            json.Append(':');
            AppendString(json, value);
        }

        return json.Append('}').ToString();
    }

    /// <summary>A JSON string: quote, backslash and control characters escaped, the rest as it is (RFC 8259).</summary>
    public static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                < ' ' => json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => json.Append(c),
            };
        }

        json.Append('"');
    }
}
