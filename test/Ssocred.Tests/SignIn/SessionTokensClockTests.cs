using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.SignIn;

/// <summary>
/// SPEC §1 and §3 in virtual time: a token is used while it has at least the margin left by this
/// machine's clock, refreshed from the moment it has less, and one that crosses the margin while
/// its process waits for the session's lock is judged when the lock is taken, not before.
/// </summary>
public class SessionTokensClockTests
{
    private static readonly TimeSpan Margin = RefreshPolicy.DefaultMargin;

    [Test]
    public async Task Token_is_used_until_exactly_the_margin_is_left_and_refreshed_one_second_later()
    {
        await using var rig = await VirtualTimeRig.StartAsync();
        var seeded = rig.SeedToken(Margin + TimeSpan.FromMinutes(1));

        rig.Advance(TimeSpan.FromMinutes(1));
        var atTheMargin = await rig.ValidTokenAsync();
        rig.Advance(TimeSpan.FromSeconds(1));
        var inside = await rig.ValidTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(atTheMargin.AccessToken.Reveal(), Is.EqualTo(seeded.AccessToken), "exactly the margin left is enough");
            Assert.That(inside.AccessToken.Reveal(), Is.Not.EqualTo(seeded.AccessToken));
            Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(inside.ExpiresAt, Is.EqualTo(rig.LocalClock.GetUtcNow() + TimeSpan.FromHours(8)), "the new expiry is now plus expiresIn, by this machine's clock");
        });
    }

    [Test]
    public async Task Min_ttl_widens_the_margin_for_tokens_too()
    {
        await using var rig = await VirtualTimeRig.StartAsync();
        rig.SeedToken(TimeSpan.FromMinutes(59));

        await rig.ValidTokenAsync(new RefreshPolicy { NoLogin = true, Margin = TimeSpan.FromHours(1) });

        Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
    }

    [Test]
    public async Task Refreshed_token_shorter_than_the_margin_is_used_rather_than_signing_in_again()
    {
        await using var rig = await VirtualTimeRig.StartAsync(configure: fake => fake.TokenLifetime = TimeSpan.FromMinutes(10));
        rig.SeedToken(TimeSpan.FromMinutes(-1));

        var token = await rig.ValidTokenAsync(new RefreshPolicy { NoLogin = true });

        Assert.Multiple(() =>
        {
            Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(token.ExpiresAt, Is.EqualTo(rig.LocalClock.GetUtcNow() + TimeSpan.FromMinutes(10)));
        });
    }

    [Test]
    public async Task Token_expired_by_this_machines_clock_is_expired_whatever_the_service_would_say()
    {
        await using var rig = await VirtualTimeRig.StartAsync();
        var seeded = rig.SeedToken(TimeSpan.FromHours(1), recordedLifetime: TimeSpan.FromSeconds(-1));

        var token = await rig.ValidTokenAsync();

        Assert.That(token.AccessToken.Reveal(), Is.Not.EqualTo(seeded.AccessToken));
        Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
    }

    [Test]
    public async Task Token_that_crosses_the_margin_while_its_process_waits_for_the_lock_is_refreshed_after_the_wait()
    {
        await using var rig = await VirtualTimeRig.StartAsync();
        rig.SeedToken(TimeSpan.FromMinutes(-1));
        var holder = new PhysicalFileSystem().TryLockExclusive(rig.LockPath)!;

        // The waiter finds an expired token and queues for the lock another process holds.
        var waiter = rig.ValidTokenAsync();
        await rig.AdvanceUntilDone(waiter, TimeSpan.FromMilliseconds(250), CrossProcessLock.QuietWait + TimeSpan.FromSeconds(1));

        // That process leaves a fresh token with a minute more than the margin, and takes two minutes to let go.
        var fresh = rig.SeedToken(Margin + TimeSpan.FromMinutes(1));
        rig.Advance(TimeSpan.FromMinutes(2));
        holder.Dispose();
        await rig.AdvanceUntilDone(waiter, TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(5));
        var token = await waiter;

        Assert.Multiple(() =>
        {
            Assert.That(token.AccessToken.Reveal(), Is.Not.EqualTo(fresh.AccessToken), "by then it had less than the margin left");
            Assert.That(token.IsValidFor(Margin, rig.LocalClock.GetUtcNow()), Is.True);
            Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(rig.Notifier.Messages, Has.One.Contains("waiting for another ssocred process that is signing in to 'corp'"));
        });
    }

    [Test]
    public async Task Token_fresh_when_the_lock_is_finally_taken_is_used_without_a_refresh()
    {
        await using var rig = await VirtualTimeRig.StartAsync();
        rig.SeedToken(TimeSpan.FromMinutes(-1));
        var holder = new PhysicalFileSystem().TryLockExclusive(rig.LockPath)!;
        var waiter = rig.ValidTokenAsync();
        await rig.AdvanceUntilDone(waiter, TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(1));

        var fresh = rig.SeedToken(TimeSpan.FromHours(8));
        holder.Dispose();
        await rig.AdvanceUntilDone(waiter, TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(5));

        Assert.That((await waiter).AccessToken.Reveal(), Is.EqualTo(fresh.AccessToken));
        Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.Zero, "the other process's sign-in is reused");
    }

    [Test]
    public async Task Waiter_gives_up_at_the_login_timeout_of_virtual_time_naming_the_lock()
    {
        await using var rig = await VirtualTimeRig.StartAsync();
        rig.SeedToken(TimeSpan.FromMinutes(-1));
        using var holder = new PhysicalFileSystem().TryLockExclusive(rig.LockPath)!;

        var waiter = rig.ValidTokenAsync(new RefreshPolicy { NoLogin = true, LockWait = TimeSpan.FromMinutes(10) });
        var waited = await rig.AdvanceUntilDone(waiter, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(11));

        var failure = Assert.ThrowsAsync<SsocredException>(() => waiter);
        Assert.Multiple(() =>
        {
            Assert.That(waited, Is.InRange(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(10)));
            Assert.That(failure!.Message, Does.StartWith("gave up after 6").And.Contain(rig.LockPath));
            Assert.That(rig.Notifier.Messages, Has.Count.EqualTo(1), "told once why it waits");
            Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.Zero);
        });
        TestContext.Out.WriteLine($"gave up after {waited.TotalSeconds:0} s of virtual time: {failure.Message}");
    }
}
