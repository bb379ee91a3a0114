using Ssocred.EndToEnd.SignIn;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §3 under load, the empty-cache variant with a person to sign in: 50 processes started
/// together with nothing cached register once, open one browser tab, sign in once, fetch once,
/// and all print the same credentials; a reader polling the caches never sees a partial file.
/// </summary>
internal sealed class LoadSignInTests : SignInTest
{
    [Test]
    public async Task Fifty_processes_with_empty_caches_sign_in_once_and_all_print_credentials()
    {
        var environment = WithFollowingBrowser();

        var (runs, reads) = await LoadTests.Storm(Home, () => Task.WhenAll(Enumerable.Range(0, LoadTests.Processes)
            .Select(_ => Task.Run(() => RunWith(environment, "--profile", "demo-sso")))));

        var keys = runs.Select(run => AssertCredentialJson(run)["AccessKeyId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("RegisterClient"), Is.EqualTo(1));
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1), "one browser sign-in");
            Assert.That(Fake.TokenCalls("authorization_code"), Is.EqualTo(1));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(BrowserInvocations(), Has.Count.EqualTo(1), "one browser tab");
            Assert.That(keys, Has.Count.EqualTo(1), "all print the one set fetched");
        });
        LoadTests.Report("Empty, signing in", runs, reads, Fake);
    }
}
