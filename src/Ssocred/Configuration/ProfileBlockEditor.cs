namespace Ssocred.Configuration;

/// <summary>
/// Adds or updates profiles in the text of a config file without touching any other line: each
/// profile ssocred writes sits under a marker comment, so a second run finds and updates its
/// own profiles, and never overwrites one a person wrote.
/// </summary>
internal static class ProfileBlockEditor
{
    public static string MarkerFor(string sessionName) => $"# ssocred: populated from sso-session {sessionName}";

    /// <returns>The new text, and the names of profiles left alone because a person owns them.</returns>
    public static (string Text, IReadOnlyList<string> Skipped) Apply(string text, string sessionName, IReadOnlyList<PopulatedProfile> profiles)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Length == 0 ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').ToList();
        var marker = MarkerFor(sessionName);
        var skipped = new List<string>();
        var appended = new List<string>();
        foreach (var profile in profiles)
        {
            var header = $"[profile {profile.Name}]";
            var block = profile.Values.Select(v => $"{v.Key} = {v.Value}").ToList();
            var at = lines.FindIndex(line => line.Trim() == header);
            if (at < 0)
            {
                appended.AddRange([string.Empty, marker, header, .. block]);
            }
            else if (at > 0 && lines[at - 1].Trim() == marker)
            {
                var end = EndOfSection(lines, at);
                lines.RemoveRange(at + 1, end - at - 1);
                lines.InsertRange(at + 1, block);
            }
            else
            {
                skipped.Add(profile.Name);
            }
        }

        if (lines.Count == 0 && appended.Count > 0)
        {
            appended.RemoveAt(0);
        }

        lines.AddRange(appended);
        return (string.Join(newline, lines) + (lines.Count > 0 ? newline : string.Empty), skipped);
    }

    /// <summary>The line after a section's last key: before the next header, less the blank and comment lines leading to it.</summary>
    private static int EndOfSection(List<string> lines, int header)
    {
        var next = header + 1;
        while (next < lines.Count && !lines[next].TrimStart().StartsWith('['))
        {
            next++;
        }

        while (next > header + 1 && IsBlankOrComment(lines[next - 1]))
        {
            next--;
        }

        return next;
    }

    private static bool IsBlankOrComment(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed[0] is '#' or ';';
    }
}
