using System.Text;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Ssocred.Output;

/// <summary>A unified diff (3 lines of context) of two texts, for <c>configure populate --dry-run</c>.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Render(string oldText, string newText, string path)
    {
        var lines = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, new TerminatedLines()).Lines;
        var output = new StringBuilder();
        if (lines.All(l => l.Type == ChangeType.Unchanged))
        {
            return string.Empty;
        }

        output.Append("--- ").Append(path).Append('\n').Append("+++ ").Append(path).Append('\n');
        var oldLine = 0;
        var newLine = 0;
        var i = 0;
        while (i < lines.Count)
        {
            var change = lines.FindIndex(i, l => l.Type != ChangeType.Unchanged);
            if (change < 0)
            {
                break;
            }

            // Extend the hunk while changes are within two contexts of each other.
            var start = Math.Max(i, change - Context);
            var end = change;
            while (end < lines.Count)
            {
                var nextChange = lines.FindIndex(end, l => l.Type != ChangeType.Unchanged);
                if (nextChange < 0 || nextChange - end > 2 * Context)
                {
                    break;
                }

                end = lines.FindIndex(nextChange, l => l.Type == ChangeType.Unchanged) is var u and >= 0 ? u : lines.Count;
            }

            end = Math.Min(lines.Count, end + Context);
            for (var k = i; k < start; k++)
            {
                oldLine++;
                newLine++;
            }

            var hunk = lines.GetRange(start, end - start);
            var oldCount = hunk.Count(l => l.Type != ChangeType.Inserted);
            var newCount = hunk.Count(l => l.Type != ChangeType.Deleted);
            output.Append($"@@ -{oldLine + (oldCount > 0 ? 1 : 0)},{oldCount} +{newLine + (newCount > 0 ? 1 : 0)},{newCount} @@\n");
            foreach (var line in hunk)
            {
                output.Append(line.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' }).Append(line.Text).Append('\n');
            }

            oldLine += oldCount;
            newLine += newCount;
            i = end;
        }

        return output.ToString();
    }

    /// <summary>Lines that each end in a newline: "a\n" is one line, "" none (DiffPlex's own chunker sees one more).</summary>
    private sealed class TerminatedLines : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) =>
            text.Length == 0 ? [] : (text.EndsWith('\n') ? text[..^1] : text).Split('\n');
    }
}
