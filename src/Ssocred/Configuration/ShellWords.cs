using System.Text;

namespace Ssocred.Configuration;

/// <summary>
/// Splits text into words as a POSIX shell would (Python's shlex.split): quotes honoured,
/// backslash escapes, nothing expanded. botocore uses it on section names such as
/// <c>[profile "my name"]</c>, and the BROWSER variable is split the same way.
/// </summary>
internal static class ShellWords
{
    /// <summary>The words, or null when a quote or escape is left open.</summary>
    public static List<string>? TrySplit(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\\':
                    if (++i == text.Length)
                    {
                        return null;
                    }

                    word.Append(text[i]);
                    inWord = true;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    for (; i < text.Length && text[i] != '"'; i++)
                    {
                        // Inside double quotes a backslash escapes only '"' and itself.
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                        {
                            i++;
                        }

                        word.Append(text[i]);
                    }

                    if (i == text.Length)
                    {
                        return null;
                    }

                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
