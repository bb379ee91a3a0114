using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.SignIn;

/// <summary>
/// SPEC §2–3: twenty processes at once with nothing cached sign in once — and fifty, the load
/// the reliability tests hold every cache state to, with a reader polling the caches meanwhile
/// that never sees a partial file.
/// </summary>
internal sealed class ConcurrentSignInTests : SignInTest
{
    [TestCase(20)]
    [TestCase(Storm.Processes)]
    public async Task Processes_with_empty_caches_register_once_sign_in_once_and_fetch_once(int processes)
    {
        var environment = WithFollowingBrowser();

        var (runs, reader) = await Storm.RunAsync(Home, () => Task.WhenAll(Enumerable.Range(0, processes)
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
            Assert.That(reader.Changes, Is.Positive, "the reader was reading while the entries were written");
        });
        Storm.Report("Empty, signing in", runs, reader, Fake);
    }

    [Test]
    public async Task A_process_that_waits_for_another_ones_sign_in_says_so()
    {
        // The first process signs in with a device code nobody confirms for a while; the second waits.
        var first = RunWith(Environment(), "--profile", "demo-sso", "--use-device-code", "--no-browser");
        await WaitUntil(() => Fake.LastUserCode is not null, "the first process started its sign-in");
        var second = RunWith(Environment(), "--profile", "demo-sso", "--use-device-code", "--no-browser");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Fake.ApproveDevice(Fake.LastUserCode!);

        var runs = await Task.WhenAll(first, second);

        Assert.Multiple(() =>
        {
            Assert.That(runs.Select(r => r.ExitCode), Is.All.Zero);
            Assert.That(runs[1].Stderr, Does.Contain("waiting for another ssocred process that is signing in to 'corp'"));
            Assert.That(runs[1].Stderr, Does.Not.Contain("user_code"), "the waiter opened no sign-in of its own");
            Assert.That(Fake.Calls("StartDeviceAuthorization"), Is.EqualTo(1));
        });
    }
}
