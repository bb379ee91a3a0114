using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>SPEC §3: many processes at once do the network work once.</summary>
internal sealed class ConcurrencyTests : EndToEndTest
{
    private const int Processes = 20;

    [Test]
    [Category(Platforms.EveryBuildTests.Category)] // the locks of every platform, Windows' among them
    public async Task Twenty_processes_with_only_a_token_make_one_GetRoleCredentials_call()
    {
        SeedToken(TimeSpan.FromHours(4));

        var runs = await RunConcurrently(Processes, "--profile", "demo-sso");

        var keys = runs.Select(run => AssertCredentialJson(run)["AccessKeyId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(keys, Has.Count.EqualTo(1), "all print the one set fetched");
            Assert.That(Fake.Calls("CreateToken"), Is.Zero);
        });
        TestContext.Out.WriteLine($"{Processes} processes: GetRoleCredentials={Fake.Calls("GetRoleCredentials")}, slowest {runs.Max(r => r.Elapsed.TotalMilliseconds):0} ms");
    }

    [Test]
    public async Task Twenty_processes_with_only_a_refresh_token_make_one_refresh()
    {
        SeedToken(TimeSpan.FromMinutes(-1));

        var runs = await RunConcurrently(Processes, "--profile", "demo-sso");

        foreach (var run in runs)
        {
            AssertCredentialJson(run);
        }

        Assert.Multiple(() =>
        {
            // Refresh tokens rotate in the fake: a second, unserialised refresh would have failed.
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
        });
        TestContext.Out.WriteLine($"{Processes} processes: CreateToken(refresh)={Fake.TokenCalls("refresh_token")}, GetRoleCredentials={Fake.Calls("GetRoleCredentials")}");
    }

    [Test]
    public async Task Two_roles_of_one_session_refresh_the_session_once()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        var environment = Environment();

        var runs = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => RunWith(
            environment, "--profile", "demo-sso", "--role-name", i % 2 == 0 ? "AdministratorAccess" : "ReadOnly"))));

        foreach (var run in runs)
        {
            AssertCredentialJson(run);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(2), "one per role");
        });
    }
}
