namespace Ssocred.Configuration;

/// <summary>What populating a session's profiles changes in a config file's text.</summary>
/// <param name="Text">The new text.</param>
/// <param name="Skipped">Profiles left alone because a person wrote them.</param>
/// <param name="Stale">Profiles ssocred wrote for roles the session no longer has (removed when pruning).</param>
internal sealed record ProfileEdit(string Text, IReadOnlyList<string> Skipped, IReadOnlyList<string> Stale);

/// <summary>
/// Adds or updates profiles in the text of a config file without touching any other line: each
/// profile ssocred writes sits under a marker comment, so a second run finds its own profiles and
/// changes only their credential_process line (a person's region, output, … stay), and never
/// touches one a person wrote. Profiles it wrote for roles that are gone go only when pruning.
/// </summary>
internal static class ProfileBlockEditor
{
    public static string MarkerFor(string sessionName) => $"# ssocred: populated from sso-session {sessionName}";

    public static ProfileEdit Apply(string text, string sessionName, IReadOnlyList<PopulatedProfile> profiles, bool prune = false)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Length == 0 ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').ToList();
        var marker = MarkerFor(sessionName);
        var skipped = new List<string>();
        var appended = new List<string>();
        foreach (var profile in profiles)
        {
            var at = FindHeader(lines, profile.Name);
            if (at < 0)
            {
                appended.AddRange([string.Empty, marker, $"[profile {profile.Name}]", profile.OwnLine, .. profile.Extra.Select(v => $"{v.Key} = {v.Value}")]);
            }
            else if (at > 0 && lines[at - 1].Trim() == marker)
            {
                ReplaceOwnLine(lines, at, profile.OwnLine);
            }
            else
            {
                skipped.Add(profile.Name);
            }
        }

        var stale = StaleProfiles(lines, marker, profiles);
        if (prune)
        {
            foreach (var name in stale)
            {
                Remove(lines, FindHeader(lines, name));
            }
        }

        if (lines.Count == 0 && appended.Count > 0)
        {
            appended.RemoveAt(0);
        }

        lines.AddRange(appended);
        return new ProfileEdit(string.Join(newline, lines) + (lines.Count > 0 ? newline : string.Empty), skipped, stale);
    }

    private static int FindHeader(List<string> lines, string name) => lines.FindIndex(line => line.Trim() == $"[profile {name}]");

    /// <summary>The credential_process line of a section ssocred owns, replaced (or added when a person removed it).</summary>
    private static void ReplaceOwnLine(List<string> lines, int header, string ownLine)
    {
        var end = EndOfSection(lines, header);
        for (var i = header + 1; i < end; i++)
        {
            if (KeyOf(lines[i]) == PopulatedProfile.OwnKey)
            {
                lines[i] = ownLine;
                return;
            }
        }

        lines.Insert(header + 1, ownLine);
    }

    /// <summary>Profiles under this session's marker whose account and role the session no longer has.</summary>
    private static List<string> StaleProfiles(List<string> lines, string marker, IReadOnlyList<PopulatedProfile> profiles)
    {
        var names = profiles.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var roles = profiles.Select(p => p.Role).ToHashSet();
        var stale = new List<string>();
        for (var i = 1; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (lines[i - 1].Trim() != marker || !trimmed.StartsWith("[profile ", StringComparison.Ordinal) || !trimmed.EndsWith(']'))
            {
                continue;
            }

            var name = trimmed["[profile ".Length..^1].Trim();
            // A profile renamed by a new template still has its role: not stale. One whose line cannot be read: left alone.
            if (!names.Contains(name) && RoleOf(lines, i) is { } role && !roles.Contains(role))
            {
                stale.Add(name);
            }
        }

        return stale;
    }

    /// <summary>The account and role a section's credential_process line names (--account-id, --role-name).</summary>
    private static RoleTarget? RoleOf(List<string> lines, int header)
    {
        var end = EndOfSection(lines, header);
        for (var i = header + 1; i < end; i++)
        {
            if (KeyOf(lines[i]) == PopulatedProfile.OwnKey && ShellWords.TrySplit(lines[i][(lines[i].IndexOf('=', StringComparison.Ordinal) + 1)..].Trim()) is { } words)
            {
                var account = words.IndexOf("--account-id") is var a and >= 0 && a + 1 < words.Count ? words[a + 1] : null;
                var role = words.IndexOf("--role-name") is var r and >= 0 && r + 1 < words.Count ? words[r + 1] : null;
                return account is not null && role is not null ? new RoleTarget(account, role) : null;
            }
        }

        return null;
    }

    /// <summary>Removes a section with its marker (and the blank line before it).</summary>
    private static void Remove(List<string> lines, int header)
    {
        var end = EndOfSection(lines, header);
        var start = header - 1; // the marker
        if (start > 0 && lines[start - 1].Trim().Length == 0)
        {
            start--;
        }

        lines.RemoveRange(start, end - start);
    }

    private static string? KeyOf(string line) =>
        line.Length > 0 && !char.IsWhiteSpace(line[0]) && line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? line[..eq].Trim() : null;

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
