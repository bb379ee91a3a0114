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

    public static IniDocument Parse(string text) => Assemble(Classify(text));

    /// <summary>What one line is on its own, before the lines around it are considered.</summary>
    private enum LineKind
    {
        Blank,
        Comment,

        /// <summary>"[name]": <see cref="IniLine.Name"/> is the name.</summary>
        Header,

        /// <summary>"key = value" or "key: value": the key lower-cased in Name, the value in Value.</summary>
        Assignment,

        /// <summary>"= value": a key that is empty; RawConfigParser keeps it, and fails at the end.</summary>
        EmptyKey,

        /// <summary>Text with no '=' or ':': RawConfigParser fails at the end.</summary>
        NoDelimiter,
    }

    /// <param name="Text">The line without surrounding white space.</param>
    private readonly record struct IniLine(int Number, LineKind Kind, int Indent, string Text, string? Name = null, string? Value = null);

    private static IEnumerable<IniLine> Classify(string text)
    {
        var number = 0;
        foreach (var line in SplitLines(text))
        {
            number++;
            var trimmed = line.Trim();
            var indent = IndexOfNonWhiteSpace(line);
            if (trimmed.Length == 0)
            {
                yield return new IniLine(number, LineKind.Blank, indent, trimmed);
            }
            else if (trimmed[0] is '#' or ';')
            {
                yield return new IniLine(number, LineKind.Comment, indent, trimmed);
            }
            else if (trimmed[0] == '[' && trimmed.LastIndexOf(']') > 1)
            {
                // Python's "\[(?P<header>.+)\]" matched from the start: up to the last ']'.
                yield return new IniLine(number, LineKind.Header, indent, trimmed, Name: trimmed[1..trimmed.LastIndexOf(']')]);
            }
            else
            {
                var delimiter = trimmed.AsSpan().IndexOfAny('=', ':');
                yield return delimiter switch
                {
                    > 0 => new IniLine(number, LineKind.Assignment, indent, trimmed, trimmed[..delimiter].TrimEnd().ToLowerInvariant(), trimmed[(delimiter + 1)..].Trim()),
                    0 => new IniLine(number, LineKind.EmptyKey, indent, trimmed, string.Empty, trimmed[1..].Trim()),
                    _ => new IniLine(number, LineKind.NoDelimiter, indent, trimmed),
                };
            }
        }
    }

    /// <summary>
    /// The lines in order: indented lines continue the value above them, headers open sections,
    /// duplicates and stray lines fail as in RawConfigParser; then [DEFAULT] goes into every section.
    /// </summary>
    private static IniDocument Assemble(IEnumerable<IniLine> lines)
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

        foreach (var line in lines)
        {
            if (line.Kind is LineKind.Blank or LineKind.Comment)
            {
                // A blank line (not a comment) inside a value keeps its place in the value.
                if (line.Kind == LineKind.Blank && section is not null && key is not null)
                {
                    section[key].Add(string.Empty);
                }

                continue;
            }

            if (section is not null && key is not null && line.Indent > indentLevel)
            {
                section[key].Add(line.Text);
                continue;
            }

            indentLevel = line.Indent;
            if (line.Kind == LineKind.Header)
            {
                sectionName = line.Name!;
                key = null;
                section = OpenSection(sectionName, line.Number, raw, order, defaults, seen);
                continue;
            }

            if (section is null)
            {
                throw new IniParseException($"line {line.Number} comes before any [section] header");
            }

            switch (line.Kind)
            {
                case LineKind.NoDelimiter:
                    badLines.Add(line.Number);
                    key = null;
                    break;
                case LineKind.EmptyKey:
                    // RawConfigParser collects such lines and fails at the end; keys seen so far still count.
                    badLines.Add(line.Number);
                    key = string.Empty;
                    section[key] = [line.Value!];
                    break;
                default:
                    key = line.Name!;
                    if (!seen.Add(sectionName + "\0" + key))
                    {
                        throw new IniParseException($"key '{key}' appears twice in section [{sectionName}] (line {line.Number})");
                    }

                    section[key] = [line.Value!];
                    break;
            }
        }

        if (badLines.Count > 0)
        {
            throw new IniParseException($"line {string.Join(", ", badLines)} is neither a [section], a comment nor a 'key = value' line");
        }

        return new IniDocument(MergeDefaults(raw, order, defaults), order);
    }

    private static Dictionary<string, List<string>> OpenSection(
        string name,
        int lineNumber,
        Dictionary<string, Dictionary<string, List<string>>> raw,
        List<string> order,
        Dictionary<string, List<string>> defaults,
        HashSet<string> seen)
    {
        if (name == DefaultSectionName)
        {
            return defaults;
        }

        if (raw.TryGetValue(name, out var existing))
        {
            if (!seen.Add(name))
            {
                throw new IniParseException($"section [{name}] appears twice (line {lineNumber})");
            }

            return existing;
        }

        var section = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        raw[name] = section;
        order.Add(name);
        seen.Add(name);
        return section;
    }

    private static Dictionary<string, Dictionary<string, IniValue>> MergeDefaults(
        Dictionary<string, Dictionary<string, List<string>>> raw,
        List<string> order,
        Dictionary<string, List<string>> defaults)
    {
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

        return sections;
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
