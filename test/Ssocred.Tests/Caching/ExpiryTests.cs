using Ssocred.Caching;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Tests.Caching;

/// <summary>
/// SPEC §3: what "valid" means for each cache entry at a given instant. Boundaries are inclusive
/// of the margin; times in any offset name the same instant; a registration that expires now
/// cannot refresh. Entries are read as from a file: the file shape, then the domain type.
/// </summary>
public class ExpiryTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [TestCase("2026-11-28T12:15:00Z", true)]
    [TestCase("2026-11-28T12:14:59Z", false)]
    [TestCase("2026-11-28T21:15:00+09:00", true, TestName = "{m}(same instant in +09:00)")]
    [TestCase("2026-11-28T07:14:59-05:00", false, TestName = "{m}(a second short, in -05:00)")]
    [TestCase("2026-11-28T12:15:00UTC", true)]
    public void Token_is_valid_with_at_least_the_margin_left(string expiresAt, bool valid)
    {
        var token = new CachedToken { AccessToken = new Secret("t"), ExpiresAt = expiresAt }.ToToken();

        Assert.That(token!.IsValidFor(Margin, Now), Is.EqualTo(valid));
    }

    [TestCase("2026-11-28T12:00:01Z", true)]
    [TestCase("2026-11-28T12:00:00Z", false)]
    [TestCase(null, false)]
    [TestCase("never", false)]
    public void Refresh_needs_a_registration_that_has_not_expired(string? registrationExpiresAt, bool canRefresh)
    {
        var token = new CachedToken
        {
            AccessToken = new Secret("t"),
            ExpiresAt = "2026-11-28T11:00:00Z",
            ClientId = "client",
            ClientSecret = new Secret("secret"),
            RegistrationExpiresAt = registrationExpiresAt,
            RefreshToken = new Secret("refresh"),
        }.ToToken();

        Assert.That(token!.CanRefresh(Now), Is.EqualTo(canRefresh));
    }

    [TestCase("2026-11-28T12:15:00Z", true)]
    [TestCase("2026-11-28T12:14:59Z", false)]
    public void Registration_is_reused_with_at_least_the_margin_left(string expiresAt, bool valid)
    {
        var registration = new CachedRegistration { ClientId = "client", ClientSecret = new Secret("secret"), ExpiresAt = expiresAt }.ToRegistration();

        Assert.That(registration!.IsValidFor(Margin, Now), Is.EqualTo(valid));
    }

    [TestCase(15 * 60, true)]
    [TestCase((15 * 60) - 1, false)]
    public void Role_credentials_are_valid_with_at_least_the_margin_left(int secondsLeft, bool valid)
    {
        var credentials = new RoleCredentials("ASIA", new Secret("s"), new Secret("t"), Now.AddSeconds(secondsLeft));

        Assert.That(credentials.IsValidFor(Margin, Now), Is.EqualTo(valid));
    }
}
