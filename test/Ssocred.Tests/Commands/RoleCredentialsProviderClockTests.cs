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
    public async Task Local_clock_ahead_by_more_than_the_lifetime_less_the_margin_renews_often_and_never_fails()
    {
        // Fresh credentials look 10 minutes long here, less than the margin: used again for a
        // quarter of that (2.5 min) after each fetch, then fetched again, never expired.
        await using var rig = await VirtualTimeRig.StartAsync(Lifetime - Margin + TimeSpan.FromMinutes(5));
        rig.SeedToken(TimeSpan.FromHours(8));

        var first = await rig.CredentialsAsync();
        var second = await rig.CredentialsAsync();
        rig.Advance(TimeSpan.FromMinutes(2));
        var twoMinutesLater = await rig.CredentialsAsync();
        rig.Advance(TimeSpan.FromMinutes(1));
        var threeMinutesLater = await rig.CredentialsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Expiration, Is.EqualTo(VirtualTimeRig.Start + Lifetime), "the service's expiry, unchanged");
            Assert.That(second.AccessKeyId, Is.EqualTo(first.AccessKeyId), "just fetched: used again, not fetched on every request");
            Assert.That(twoMinutesLater.AccessKeyId, Is.EqualTo(first.AccessKeyId));
            Assert.That(threeMinutesLater.AccessKeyId, Is.Not.EqualTo(first.AccessKeyId), "past a quarter of their life as seen here");
            Assert.That(threeMinutesLater.Expiration, Is.GreaterThan(rig.ServiceClock.GetUtcNow()));
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
    public async Task Credentials_shorter_than_min_ttl_are_handed_out_and_used_again_for_a_quarter_of_their_life()
    {
        await using var rig = await VirtualTimeRig.StartAsync(configure: fake => fake.RoleCredentialsLifetime = TimeSpan.FromMinutes(10));
        rig.SeedToken(TimeSpan.FromHours(8));

        var first = await rig.CredentialsAsync();
        var second = await rig.CredentialsAsync();
        rig.Advance(TimeSpan.FromMinutes(2.5));
        var atAQuarter = await rig.CredentialsAsync();
        rig.Advance(TimeSpan.FromSeconds(1));
        var past = await rig.CredentialsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Expiration - first.FetchedAt!.Value, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(second.AccessKeyId, Is.EqualTo(first.AccessKeyId), "just fetched: used again");
            Assert.That(atAQuarter.AccessKeyId, Is.EqualTo(first.AccessKeyId), "7.5 minutes left: three quarters of their life");
            Assert.That(past.AccessKeyId, Is.Not.EqualTo(first.AccessKeyId));
            Assert.That(rig.Fake.Calls("GetRoleCredentials"), Is.EqualTo(2), "one call per renewal, no loop");
        });
    }
}
