namespace Ssocred.Cli;

/// <summary>The one-line version: <c>ssocred VERSION (COMMIT, BUILD-DATE, RID)</c>, stamped at build time.</summary>
internal static class VersionLine
{
    public const string Text = $"ssocred {BuildInfo.Version} ({BuildInfo.Commit}, {BuildInfo.Date}, {BuildInfo.RuntimeIdentifier})";
}
