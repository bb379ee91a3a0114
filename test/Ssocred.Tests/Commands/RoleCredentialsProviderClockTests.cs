using Ssocred.Configuration;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Commands;

/// <summary>
/// SPEC §1 in virtual time, with this machine's clock right, ahead or behind the service's by
/// minutes. Role credentials carry the service's absolute expiry; tokens carry this machine's
/// reading of the service's expiresIn. The margin (15 minutes) absorbs a clock that is behind by
/// less than it; a clock ahead only renews earlier; a token the service refuses although its file
/// says it is valid is refreshed and the call made again.
/// </summary>
public class RoleCredentialsProviderClockTests
{
    private static readonly TimeSpan Margin = RefreshPolicy.DefaultMargin;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    [Test]
    public async Task Cached_credentials_are_used_until_exactly_the_margin_is_left_and_fetched_one_second_later()
    {
        await using var rig = await VirtualTimeRig.StartAsync();
        rig.SeedToken(TimeSpan.FromHours(8));
        var first = await rig.CredentialsAsync();

        rig.Advance(Lifetime - Margin);
        var atTheMargin = await rig.CredentialsAsync();
        rig.Advance(TimeSpan.FromSeconds(1));
        var inside = await rig.CredentialsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(atTheMargin.AccessKeyId, Is.EqualTo(first.AccessKeyId));
            Assert.That(inside.AccessKeyId, Is.Not.EqualTo(first.AccessKeyId));
            Assert.That(rig.Fake.Calls("GetRoleCredentials"), Is.EqualTo(2));
        });
    }

    [TestCase(-14)]
    [TestCase(-5)]
    [TestCase(0)]
    [TestCase(5)]
    [TestCase(30)]
    public async Task Local_clock_off_by_minutes_never_yields_credentials_the_service_considers_expired(int minutesAhead)
    {
        await using var rig = await VirtualTimeRig.StartAsync(TimeSpan.FromMinutes(minutesAhead));
        rig.SeedToken(TimeSpan.FromHours(8));
        var fetches = new List<DateTimeOffset>();

        // Two hours of credential requests, one a minute, as a long job's SDK makes them.
        for (var minute = 0; minute < 120; minute++)
        {
            var before = rig.Fake.Calls("GetRoleCredentials");
            var credentials = await rig.CredentialsAsync();
            if (rig.Fake.Calls("GetRoleCredentials") > before)
            {
                fetches.Add(rig.ServiceClock.GetUtcNow());
            }

            Assert.That(credentials.Expiration, Is.GreaterThan(rig.ServiceClock.GetUtcNow()), $"minute {minute}: handed out credentials the service has expired");
            rig.Advance(TimeSpan.FromMinutes(1));
        }

        var renewedAfter = (fetches[1] - fetches[0]).TotalMinutes;
        Assert.That(renewedAfter, Is.EqualTo((Lifetime - Margin).TotalMinutes - minutesAhead).Within(1), "renewed when this machine's clock saw the margin");
        TestContext.Out.WriteLine($"clock {minutesAhead:+0;-0;0} min: {fetches.Count} fetches in 2 h, renewed every {renewedAfter:0} min");
    }

    [Test]
    public async Task Local_clock_ahead_by_more_than_the_lifetime_less_the_margin_fetches_every_time_and_never_fails()
    {
        await using var rig = await VirtualTimeRig.StartAsync(Lifetime - Margin + TimeSpan.FromMinutes(5));
        rig.SeedToken(TimeSpan.FromHours(8));

        var first = await rig.CredentialsAsync();
        var second = await rig.CredentialsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Expiration, Is.EqualTo(VirtualTimeRig.Start + Lifetime), "the service's expiry, unchanged");
            Assert.That(second.AccessKeyId, Is.Not.EqualTo(first.AccessKeyId), "each request fetches once: fresh credentials look short here");
            Assert.That(rig.Fake.Calls("GetRoleCredentials"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Token_whose_file_says_valid_but_the_service_has_expired_is_refreshed_and_the_call_retried()
    {
        // Written by a tool whose clock ran 20 minutes ahead: the file outlives the token by 20 minutes.
        await using var rig = await VirtualTimeRig.StartAsync();
        rig.SeedToken(TimeSpan.FromHours(1), recordedLifetime: TimeSpan.FromHours(1) + TimeSpan.FromMinutes(20));
        rig.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        var credentials = await rig.CredentialsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(credentials.AccessKeyId, Does.StartWith("ASIA"));
            Assert.That(rig.Fake.Calls("GetRoleCredentials"), Is.EqualTo(2), "refused once, then made with the refreshed token");
            Assert.That(rig.Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(rig.CachedToken()!.ExpiresAt, Is.EqualTo(rig.LocalClock.GetUtcNow() + TimeSpan.FromHours(8)));
        });
    }

    [Test]
    public async Task Credentials_shorter_than_min_ttl_are_handed_out_and_fetched_afresh_next_time()
    {
        await using var rig = await VirtualTimeRig.StartAsync(configure: fake => fake.RoleCredentialsLifetime = TimeSpan.FromMinutes(10));
        rig.SeedToken(TimeSpan.FromHours(8));

        var first = await rig.CredentialsAsync();
        var second = await rig.CredentialsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Expiration - rig.LocalClock.GetUtcNow(), Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(second.AccessKeyId, Is.Not.EqualTo(first.AccessKeyId));
            Assert.That(rig.Fake.Calls("GetRoleCredentials"), Is.EqualTo(2), "one call per request, no loop");
        });
    }
}
