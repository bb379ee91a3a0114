namespace Ssocred.Cli;

/// <summary>"Did you mean": the closest known word to a misspelled one, if it is close enough.</summary>
internal static class Suggestion
{
    /// <summary>The candidate nearest to <paramref name="word"/>, or null when none is plausibly meant.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // One edit for short words, two from six letters on, three from twelve: a typo, not another word.
        var allowed = Math.Clamp(word.TrimStart('-').Length / 5 + (word.Length >= 12 ? 1 : 0), 1, 3);
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>
    /// Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
    /// substitutions and swaps of neighbouring letters each cost one.
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
