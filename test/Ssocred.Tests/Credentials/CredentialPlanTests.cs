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

    private static CredentialRequest Request(SsoSession session, bool force) => new(
        new SsoSettings("demo", null, session, new RoleTarget("111122223333", "AdministratorAccess"), new SsoEndpoints(null, null, session.Region, false, false), new Dictionary<string, string>()),
        new RefreshPolicy { ForceRefresh = force },
        new SignInPreferences());

    private static RoleCredentials? Credentials(int? minutes) =>
        minutes is { } m ? new RoleCredentials("ASIA", new Secret("s"), new Secret("t"), Now.AddMinutes(m)) : null;

    private static SsoToken? Token(int? minutes, int registrationMinutes) =>
        minutes is { } m
            ? new SsoToken(new Secret("a"), Now.AddMinutes(m), Corp.StartUrl, Corp.Region, new ClientRegistration("c", new Secret("cs"), Now.AddMinutes(registrationMinutes)), new Secret("r"))
            : null;
}
