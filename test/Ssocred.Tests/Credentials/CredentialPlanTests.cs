using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Tests.Credentials;

/// <summary>SPEC §1's order as the plan doctor reports and the credential path acts on.</summary>
public class CredentialPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly SsoSession Corp = new("corp", "https://corp.awsapps.com/start", "ap-northeast-2", null, UseDeviceCode: false);
    private static readonly SsoSession Legacy = Corp with { Name = null };

    [TestCase(60, 600, 0, false, nameof(CredentialStep.PrintCachedCredentials))]
    [TestCase(60, 600, 0, true, nameof(CredentialStep.CallGetRoleCredentials), TestName = "{m}(forced past valid credentials)")]
    [TestCase(14, 600, 0, false, nameof(CredentialStep.CallGetRoleCredentials), TestName = "{m}(credentials inside the margin)")]
    [TestCase(null, 15, 0, false, nameof(CredentialStep.CallGetRoleCredentials), TestName = "{m}(token with exactly the margin)")]
    [TestCase(null, 14, 60, false, nameof(CredentialStep.RefreshToken))]
    [TestCase(null, -60, 60, false, nameof(CredentialStep.RefreshToken))]
    [TestCase(null, -60, 0, false, nameof(CredentialStep.SignIn), TestName = "{m}(registration expires now)")]
    [TestCase(null, null, 60, false, nameof(CredentialStep.SignIn))]
    public void Step_follows_what_is_cached(int? credentialsMinutes, int? tokenMinutes, int registrationMinutes, bool force, string step)
    {
        var request = Request(Corp, force);
        var plan = CredentialPlan.For(request, Credentials(credentialsMinutes), Token(tokenMinutes, registrationMinutes), Now);

        Assert.That(plan.Step.ToString(), Is.EqualTo(step));
    }

    [Test]
    public void Legacy_profile_never_plans_a_refresh() =>
        Assert.That(CredentialPlan.For(Request(Legacy, force: false), null, Token(-60, 60), Now).Step, Is.EqualTo(CredentialStep.SignIn));

    // Issue 12: --min-ttl 2h with 1-hour credentials. The margin shrinks to three quarters of
    // their life (45 min): fetched by ssocred 10 min ago (50 min left), used; 16 min ago (44 min
    // left), renewed. Without a fetch time (cached by another tool) the margin stands as given.
    [TestCase(-1, 59, nameof(CredentialStep.PrintCachedCredentials))]
    [TestCase(-10, 50, nameof(CredentialStep.PrintCachedCredentials))]
    [TestCase(-15, 45, nameof(CredentialStep.PrintCachedCredentials))]
    [TestCase(-16, 44, nameof(CredentialStep.CallGetRoleCredentials))]
    [TestCase(-50, 10, nameof(CredentialStep.CallGetRoleCredentials))]
    [TestCase(null, 59, nameof(CredentialStep.CallGetRoleCredentials), TestName = "{m}(fetch time unknown)")]
    [TestCase(5, 65, nameof(CredentialStep.CallGetRoleCredentials), TestName = "{m}(fetched in the future: the clock went back)")]
    [TestCase(-70, -10, nameof(CredentialStep.CallGetRoleCredentials), TestName = "{m}(expired)")]
    public void A_margin_longer_than_the_credentials_life_reuses_credentials_just_fetched(int? fetchedMinutes, int expiresMinutes, string step)
    {
        var request = Request(Corp, force: false, margin: TimeSpan.FromHours(2));
        var credentials = new RoleCredentials("ASIA", new Secret("s"), new Secret("t"), Now.AddMinutes(expiresMinutes), fetchedMinutes is { } f ? Now.AddMinutes(f) : null);

        Assert.That(CredentialPlan.For(request, credentials, Token(600, 600), Now).Step.ToString(), Is.EqualTo(step));
    }

    [Test]
    public void A_margin_just_inside_the_credentials_life_is_met_by_fetching_again()
    {
        // 16-minute credentials and a margin of 15 min 58 s: met for two seconds after each fetch.
        var request = Request(Corp, force: false, margin: TimeSpan.FromSeconds(958));
        static RoleCredentials FetchedSecondsAgo(int seconds) =>
            new("ASIA", new Secret("s"), new Secret("t"), Now.AddSeconds(960 - seconds), Now.AddSeconds(-seconds));

        Assert.Multiple(() =>
        {
            Assert.That(CredentialPlan.For(request, FetchedSecondsAgo(2), Token(600, 600), Now).Step, Is.EqualTo(CredentialStep.PrintCachedCredentials));
            Assert.That(CredentialPlan.For(request, FetchedSecondsAgo(3), Token(600, 600), Now).Step, Is.EqualTo(CredentialStep.CallGetRoleCredentials));
        });
    }

    [Test]
    public void A_margin_shorter_than_the_credentials_life_is_kept_whatever_the_fetch_time()
    {
        // 12-hour credentials fetched 11 h 50 min ago: 10 minutes left, inside the default 15.
        var credentials = new RoleCredentials("ASIA", new Secret("s"), new Secret("t"), Now.AddMinutes(10), Now.AddMinutes(-710));

        Assert.That(CredentialPlan.For(Request(Corp, force: false), credentials, Token(600, 600), Now).Step, Is.EqualTo(CredentialStep.CallGetRoleCredentials));
    }

    private static CredentialRequest Request(SsoSession session, bool force, TimeSpan? margin = null) => new(
        new SsoSettings("demo", null, session, new RoleTarget("111122223333", "AdministratorAccess"), new SsoEndpoints(null, null, session.Region, false, false), new Dictionary<string, string>()),
        new RefreshPolicy { ForceRefresh = force, Margin = margin ?? RefreshPolicy.DefaultMargin },
        new SignInPreferences());

    private static RoleCredentials? Credentials(int? minutes) =>
        minutes is { } m ? new RoleCredentials("ASIA", new Secret("s"), new Secret("t"), Now.AddMinutes(m)) : null;

    private static SsoToken? Token(int? minutes, int registrationMinutes) =>
        minutes is { } m
            ? new SsoToken(new Secret("a"), Now.AddMinutes(m), Corp.StartUrl, Corp.Region, new ClientRegistration("c", new Secret("cs"), Now.AddMinutes(registrationMinutes)), new Secret("r"))
            : null;
}
