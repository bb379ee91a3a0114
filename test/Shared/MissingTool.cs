namespace TestSupport;

/// <summary>
/// What a test does when a tool it drives (pwsh, fish, Wine, chromium, botocore, an interop
/// consumer) is not installed: skip with the reason on a developer's machine; fail in CI (CI set,
/// as .ci/run does), which installs every tool, so a missing install step never passes as green.
/// </summary>
internal static class MissingTool
{
    public static bool InCi =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    /// <summary>The exception to throw: <c>throw MissingTool.Of("…")</c>.</summary>
    public static Exception Of(string reason) => InCi
        ? new AssertionException($"MISSING IN CI: {reason}. .ci/run installs every tool the tests use, so nothing may skip there.")
        : new IgnoreException($"MISSING, TEST SKIPPED: {reason}. .ci/run installs it (it fails there).");

    /// <summary>The path of the first candidate that exists, or a skip (a failure in CI).</summary>
    public static string FirstExisting(string reason, params string[] candidates) =>
        candidates.FirstOrDefault(File.Exists) ?? throw Of(reason);
}
