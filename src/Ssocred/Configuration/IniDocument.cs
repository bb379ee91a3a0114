using System.Text;

namespace Ssocred.Configuration;

/// <summary>
/// An INI file read exactly as botocore reads ~/.aws/config: Python's RawConfigParser with its
/// defaults (whole-line '#' and ';' comments only, '=' or ':' between key and value, indented
/// continuation lines, keys lower-cased, duplicate sections or keys an error, [DEFAULT] merged
/// into every section), then botocore's nested "key =\n  sub = value" blocks. The one kindness
/// added: a UTF-8 byte-order mark at the start is ignored.
/// </summary>
internal sealed class IniDocument
{
    private const string DefaultSectionName = "DEFAULT";

    private IniDocument(Dictionary<string, Dictionary<string, IniValue>> sections, List<string> order)
    {
        Sections = sections;
        SectionNames = order;
    }

    /// <summary>Section name (as written, case kept) → key (lower case) → value.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, IniValue>> Sections { get; }

    /// <summary>Sections in the order they first appear, as botocore iterates them.</summary>
    public IReadOnlyList<string> SectionNames { get; }

    /// <exception cref="IniParseException">The file is not one botocore would accept.</exception>
    public static IniDocument Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new IniParseException("the file is not valid UTF-8 text");
        }

        return Parse(text);
    }

    public static IniDocument Parse(string text)
    {
        var raw = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        var order = new List<string>();
        var defaults = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? section = null;
        string? sectionName = null;
        string? key = null;
        var indentLevel = 0;
        var badLines = new List<int>();

        var lineNumber = 0;
        foreach (var line in SplitLines(text))
        {
            lineNumber++;
            var trimmed = line.Trim();
            var isComment = trimmed.StartsWith('#') || trimmed.StartsWith(';');
            if (isComment || trimmed.Length == 0)
            {
                // A blank line (not a comment) inside a value keeps its place in the value.
                if (!isComment && section is not null && key is not null)
                {
                    section[key].Add(string.Empty);
                }

                continue;
            }

            var indent = IndexOfNonWhiteSpace(line);
            if (section is not null && key is not null && indent > indentLevel)
            {
                section[key].Add(trimmed);
                continue;
            }

            indentLevel = indent;
            if (trimmed[0] == '[' && trimmed.LastIndexOf(']') > 1)
            {
                // Python's "\[(?P<header>.+)\]" matched from the start: up to the last ']'.
                sectionName = trimmed[1..trimmed.LastIndexOf(']')];
                key = null;
                if (sectionName == DefaultSectionName)
                {
                    section = defaults;
                }
                else if (raw.TryGetValue(sectionName, out var existing))
                {
                    if (!seen.Add(sectionName))
                    {
                        throw new IniParseException($"section [{sectionName}] appears twice (line {lineNumber})");
                    }

                    section = existing;
                }
                else
                {
                    section = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                    raw[sectionName] = section;
                    order.Add(sectionName);
                    seen.Add(sectionName);
                }

                continue;
            }

            if (section is null)
            {
                throw new IniParseException($"line {lineNumber} comes before any [section] header");
            }

            var delimiter = trimmed.AsSpan().IndexOfAny('=', ':');
            if (delimiter <= 0)
            {
                // RawConfigParser collects such lines and fails at the end; keys seen so far still count.
                badLines.Add(lineNumber);
                key = delimiter == 0 ? string.Empty : null;
                if (key is not null)
                {
                    section[key] = [trimmed[1..].Trim()];
                }

                continue;
            }

            key = trimmed[..delimiter].TrimEnd().ToLowerInvariant();
            if (!seen.Add(sectionName + "\0" + key))
            {
                throw new IniParseException($"key '{key}' appears twice in section [{sectionName}] (line {lineNumber})");
            }

            section[key] = [trimmed[(delimiter + 1)..].Trim()];
        }

        if (badLines.Count > 0)
        {
            throw new IniParseException($"line {string.Join(", ", badLines)} is neither a [section], a comment nor a 'key = value' line");
        }

        var sections = new Dictionary<string, Dictionary<string, IniValue>>(StringComparer.Ordinal);
        foreach (var name in order)
        {
            var merged = new Dictionary<string, IniValue>(StringComparer.Ordinal);
            foreach (var (k, v) in defaults)
            {
                merged[k] = IniValue.From(v);
            }

            foreach (var (k, v) in raw[name])
            {
                merged[k] = IniValue.From(v);
            }

            sections[name] = merged;
        }

        return new IniDocument(sections, order);
    }

    // Python reads text files with universal newlines: \r\n, \r and \n all end a line.
    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                yield return text[start..i];
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static int IndexOfNonWhiteSpace(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (!char.IsWhiteSpace(line[i]))
            {
                return i;
            }
        }

        return 0;
    }
}

/// <summary>A key's value: one line of text, or botocore's nested "sub = value" block.</summary>
internal sealed class IniValue
{
    private IniValue(string text, IReadOnlyDictionary<string, string>? nested)
    {
        Text = text;
        Nested = nested;
    }

    public string Text { get; }

    /// <summary>Set where the value began on the next line (e.g. an "s3 =" block).</summary>
    public IReadOnlyDictionary<string, string>? Nested { get; }

    public static IniValue From(List<string> lines)
    {
        var text = string.Join('\n', lines).TrimEnd();
        if (!text.StartsWith('\n'))
        {
            return new IniValue(text, null);
        }

        var nested = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var item = line.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            var equals = item.IndexOf('=');
            if (equals < 0)
            {
                throw new IniParseException($"the nested line '{item}' has no '='");
            }

            nested[item[..equals].Trim()] = item[(equals + 1)..].Trim();
        }

        return new IniValue(text, nested);
    }
}

internal sealed class IniParseException(string message) : Exception(message);
