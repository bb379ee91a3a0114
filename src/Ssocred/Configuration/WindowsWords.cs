using System.Text;

namespace Ssocred.Configuration;

/// <summary>
/// Splits a command line into words as Windows programs parse theirs (the C runtime's rules, which
/// botocore's _windows_shell_split follows for credential_process on Windows): space and tab
/// separate, double quotes are the only quotes, and backslashes are literal except in a run that
/// ends at a double quote, where they escape one another and an odd one escapes the quote. So
/// <c>C:\tools\ssocred.exe</c> keeps its backslashes, which a POSIX split would eat.
/// </summary>
internal static class WindowsWords
{
    /// <summary>The words, or null when a quote is left open.</summary>
    public static List<string>? TrySplit(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quoted = false;
        var backslashes = 0;
        foreach (var c in text)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            if (c == '"')
            {
                word.Append('\\', backslashes / 2);
                inWord = true;
                var escaped = backslashes % 2 == 1;
                backslashes = 0;
                if (escaped)
                {
                    word.Append('"');
                }
                else
                {
                    quoted = !quoted;
                }

                continue;
            }

            word.Append('\\', backslashes);
            inWord |= backslashes > 0;
            backslashes = 0;
            if (c is ' ' or '\t' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            word.Append(c);
            inWord = true;
        }

        if (quoted)
        {
            return null;
        }

        word.Append('\\', backslashes);
        if (inWord || backslashes > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
