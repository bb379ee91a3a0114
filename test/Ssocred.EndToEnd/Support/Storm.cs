using FakeIdentityCenter;

namespace Ssocred.EndToEnd.Support;

/// <summary>Many processes started together while a reader polls the caches, and the figures it gives.</summary>
internal static class Storm
{
    /// <summary>The load every cache state is held to (SPEC §3 asks 20; the reliability issue 50).</summary>
    public const int Processes = 50;

    /// <summary>Runs <paramref name="start"/> with a reader polling the caches meanwhile; no read may see a partial file.</summary>
    public static async Task<(SsocredRun[] Runs, CacheFileWatcher Reader)> RunAsync(TestHome home, Func<Task<SsocredRun[]>> start)
    {
        var reader = CacheFileWatcher.Start(home);
        SsocredRun[] runs;
        await using (reader)
        {
            runs = await start();
        }

        Assert.That(reader.Partial, Is.Empty, "a reader never sees a partial cache file");
        return (runs, reader);
    }

    public static void Report(string state, SsocredRun[] runs, CacheFileWatcher reader, FakeIdentityCenterServer fake) =>
        TestContext.Out.WriteLine(
            $"{state}: {runs.Length} processes, {runs.Count(r => r.ExitCode == 0)} printed credentials; "
            + $"RegisterClient={fake.Calls("RegisterClient")}, Authorize={fake.Calls("Authorize")}, CreateToken(authorization_code)={fake.TokenCalls("authorization_code")}, "
            + $"CreateToken(refresh)={fake.TokenCalls("refresh_token")}, GetRoleCredentials={fake.Calls("GetRoleCredentials")}; "
            + $"slowest {runs.Max(r => r.Elapsed.TotalMilliseconds):0} ms, median {runs.Select(r => r.Elapsed.TotalMilliseconds).Order().ElementAt(runs.Length / 2):0} ms; "
            + $"a reader polling the caches read {reader.Reads} files, saw {reader.Changes} of them change, {reader.Partial.Count} partial");
}
