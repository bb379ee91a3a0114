using System.Globalization;
using System.Text;

namespace Ssocred.Caching;

/// <summary>
/// Writes JSON byte for byte as Python's json.dumps(..., sort_keys=True) does, because the AWS
/// CLI names cache files after the SHA-1 of that text: ASCII only (\uXXXX escapes), and the
/// separators the caller names (", "/": " by default, ","/":" where botocore asks for them).
/// Values are strings, string lists or null.
/// </summary>
internal static class PythonJson
{
    public static string Dumps(IEnumerable<KeyValuePair<string, object?>> fields, bool compact)
    {
        var (item, key) = compact ? (",", ":") : (", ", ": ");
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(first ? string.Empty : item);
            first = false;
            AppendString(text, name);
            text.Append(key);
            switch (value)
            {
                case null:
                    text.Append("null");
                    break;
                case string s:
                    AppendString(text, s);
                    break;
                case IEnumerable<string> list:
                    text.Append('[');
                    var firstItem = true;
                    foreach (var element in list)
                    {
                        text.Append(firstItem ? string.Empty : item);
                        firstItem = false;
                        AppendString(text, element);
                    }

                    text.Append(']');
                    break;
                default:
                    throw new ArgumentException($"unsupported value type {value.GetType()}", nameof(fields));
            }
        }

        return text.Append('}').ToString();
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ' or > '~':
                    // UTF-16 code units, as Python's ensure_ascii writes surrogate pairs.
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
