using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §3 under load: 50 processes started together, as a parallel Terraform plan or a test
/// suite's workers do, make exactly one call of each kind the cache state needs, all print valid
/// credentials, and a reader polling the cache files meanwhile never sees a partial file.
/// </summary>
internal sealed class LoadTests : EndToEndTest
{
    internal const int Processes = 50;

    private static readonly string[] EveryOperation =
    [
        Operations.RegisterClient, Operations.StartDeviceAuthorization, Operations.CreateToken, Operations.GetRoleCredentials,
        Operations.ListAccounts, Operations.ListAccountRoles, Operations.Logout,
    ];

    public enum CacheState
    {
        Empty,
        OnlyToken,
        OnlyRefreshToken,
        ExpiredRoleCredentials,
    }

    [Test]
    public async Task Fifty_processes_with_empty_caches_all_say_how_to_sign_in_and_call_nothing()
    {
        // --no-login: this is the unattended case, and the sign-in itself is another test's concern.
        var (runs, reads) = await StormAsync("--profile", "demo-sso", "--no-login");

        foreach (var run in runs)
        {
            AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
        }

        Assert.That(EveryOperation.Sum(Fake.Calls), Is.Zero, "no network call at all");
        Report(CacheState.Empty, runs, reads);
    }

    [TestCase(CacheState.OnlyToken, 0, 1)]
    [TestCase(CacheState.OnlyRefreshToken, 1, 1)]
    [TestCase(CacheState.ExpiredRoleCredentials, 0, 1)]
    public async Task Fifty_processes_make_one_call_of_each_kind_and_all_print_credentials(CacheState state, int refreshes, int fetches)
    {
        switch (state)
        {
            case CacheState.OnlyToken:
                SeedToken(TimeSpan.FromHours(4));
                break;
            case CacheState.OnlyRefreshToken:
                SeedToken(TimeSpan.FromMinutes(-1));
                break;
            case CacheState.ExpiredRoleCredentials:
                SeedToken(TimeSpan.FromHours(4));
                SeedRoleCredentials(TimeSpan.FromMinutes(-1), accessKeyId: "ASIAEXPIREDEXPIRED01");
                break;
        }

        var (runs, reads) = await StormAsync("--profile", "demo-sso");

        var keys = runs.Select(run => AssertCredentialJson(run)["AccessKeyId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(refreshes), "CreateToken (refresh)");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(fetches), "GetRoleCredentials");
            Assert.That(Fake.Calls("CreateToken") + Fake.Calls("RegisterClient") + Fake.Calls("StartDeviceAuthorization"), Is.EqualTo(refreshes), "no other call");
            Assert.That(keys, Has.Count.EqualTo(1).And.None.EqualTo("ASIAEXPIREDEXPIRED01"), "all print the one set fetched");
            Assert.That(runs.Select(r => r.Stderr), Has.All.Empty);
        });
        Report(state, runs, reads);
    }

    private Task<(SsocredRun[] Runs, CacheFileWatcher Watcher)> StormAsync(params string[] args) =>
        Storm(Home, () => RunConcurrently(Processes, args));

    private void Report(CacheState state, SsocredRun[] runs, CacheFileWatcher watcher) => Report(state.ToString(), runs, watcher, Fake);

    /// <summary>Starts the processes with a reader polling the caches meanwhile; no read may see a partial file.</summary>
    internal static async Task<(SsocredRun[] Runs, CacheFileWatcher Watcher)> Storm(TestHome home, Func<Task<SsocredRun[]>> start)
    {
        var watcher = CacheFileWatcher.Start(home);
        SsocredRun[] runs;
        await using (watcher)
        {
            runs = await start();
        }

        Assert.That(watcher.Partial, Is.Empty, "a reader never sees a partial cache file");
        return (runs, watcher);
    }

    internal static void Report(string state, SsocredRun[] runs, CacheFileWatcher watcher, FakeIdentityCenterServer fake) =>
        TestContext.Out.WriteLine(
            $"{state}: {runs.Length} processes, {runs.Count(r => r.ExitCode == 0)} printed credentials; "
            + $"RegisterClient={fake.Calls("RegisterClient")}, Authorize={fake.Calls("Authorize")}, CreateToken(authorization_code)={fake.TokenCalls("authorization_code")}, "
            + $"CreateToken(refresh)={fake.TokenCalls("refresh_token")}, GetRoleCredentials={fake.Calls("GetRoleCredentials")}; "
            + $"slowest {runs.Max(r => r.Elapsed.TotalMilliseconds):0} ms, median {runs.Select(r => r.Elapsed.TotalMilliseconds).Order().ElementAt(runs.Length / 2):0} ms; "
            + $"a reader polling the caches read {watcher.Reads} files, {watcher.Partial.Count} partial");
}
