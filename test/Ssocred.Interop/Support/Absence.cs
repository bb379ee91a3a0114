namespace Ssocred.Interop.Support;

/// <summary>
/// What to do when a consumer (or the local STS) is not installed: skip, loudly, on a developer's
/// machine; fail in CI, which installs every one of them (test/interop/setup.sh), so that a
/// missing install step can never pass as a green run.
/// </summary>
internal static class Absence
{
    private static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    /// <summary>The exception to throw: <c>throw Absence.Of("…")</c>.</summary>
    public static Exception Of(string reason) => InCi
        ? new AssertionException($"CONSUMER MISSING IN CI: {reason}. CI installs every consumer (test/interop/setup.sh), so nothing may be skipped there.")
        : new IgnoreException($"CONSUMER MISSING, TEST SKIPPED: {reason}. Run test/interop/setup.sh to install it.");
}
