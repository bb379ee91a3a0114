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
        var (runs, reader) = await StormAsync("--profile", "demo-sso", "--no-login");

        foreach (var run in runs)
        {
            AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
        }

        Assert.That(EveryOperation.Sum(Fake.Calls), Is.Zero, "no network call at all");
        Report(CacheState.Empty, runs, reader);
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

        var (runs, reader) = await StormAsync("--profile", "demo-sso");

        var keys = runs.Select(run => AssertCredentialJson(run)["AccessKeyId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(refreshes), "CreateToken (refresh)");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(fetches), "GetRoleCredentials");
            Assert.That(Fake.Calls("CreateToken") + Fake.Calls("RegisterClient") + Fake.Calls("StartDeviceAuthorization"), Is.EqualTo(refreshes), "no other call");
            Assert.That(keys, Has.Count.EqualTo(1).And.None.EqualTo("ASIAEXPIREDEXPIRED01"), "all print the one set fetched");
            Assert.That(runs.Select(r => r.Stderr), Has.All.Empty);
            Assert.That(reader.Changes, Is.Positive, "the reader was reading while an entry was written");
        });
        Report(state, runs, reader);
    }

    private Task<(SsocredRun[] Runs, CacheFileWatcher Reader)> StormAsync(params string[] args) =>
        Storm.RunAsync(Home, () => RunConcurrently(Storm.Processes, args));

    private void Report(CacheState state, SsocredRun[] runs, CacheFileWatcher reader) => Storm.Report(state.ToString(), runs, reader, Fake);
}
