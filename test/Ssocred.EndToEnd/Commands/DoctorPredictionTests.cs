using System.Text.Json.Nodes;
using Ssocred.EndToEnd.SignIn;

namespace Ssocred.EndToEnd.Commands;

/// <summary>
/// Issue 10: doctor judges with the rules the credential path acts on — scopes that name none mean
/// the default, and a client registration is judged with the window a sign-in reuses it by.
/// </summary>
internal sealed class DoctorPredictionTests : SignInTest
{
    [TestCase(",")]
    [TestCase(" , ")]
    public async Task Scopes_that_name_none_are_the_default_in_doctor_as_in_a_sign_in(string scopes)
    {
        Home.WriteConfig(StandardConfig.Replace("sso_registration_scopes = sso:account:access", $"sso_registration_scopes = {scopes}", StringComparison.Ordinal));

        var doctor = await Run("doctor", "--profile", "demo-sso");
        var signIn = await RunWith(WithFollowingBrowser(), "--profile", "demo-sso");

        Assert.Multiple(() =>
        {
            Assert.That(doctor.Stdout, Does.Match(@"\n  scopes +sso:account:access \(default\)\n"));
            Assert.That(Fake.Clients.Single().Scopes, Is.EqualTo(new[] { "sso:account:access" }), "what the sign-in registered");
        });
        AssertCredentialJson(signIn);
    }

    [TestCase(10, "expires within the margin")]
    [TestCase(20, "valid")]
    public async Task Client_registration_is_judged_with_the_window_a_sign_in_reuses_it_by(int minutesLeft, string state)
    {
        var client = Fake.RegisterClient(["authorization_code", "refresh_token"], ["sso:account:access"], StartUrl, TimeSpan.FromMinutes(minutesLeft));
        Directory.CreateDirectory(Home.TokenCacheFolder);
        Home.WriteTokenFile(CorpRegistrationKey, new JsonObject
        {
            ["clientId"] = client.ClientId,
            ["clientSecret"] = client.ClientSecret,
            ["expiresAt"] = CliTime(client.ExpiresAt),
            ["scopes"] = new JsonArray("sso:account:access"),
            ["grantTypes"] = new JsonArray("authorization_code", "refresh_token"),
        });

        var doctor = await Run("doctor", "--profile", "demo-sso");
        AssertCredentialJson(await RunWith(WithFollowingBrowser(), "--profile", "demo-sso"));

        Assert.Multiple(() =>
        {
            Assert.That(doctor.Stdout, Does.Match($@"client registration\s+{state}: until"));
            Assert.That(Fake.Calls("RegisterClient"), Is.EqualTo(minutesLeft < 15 ? 1 : 0), "a sign-in replaces exactly what doctor calls within the margin");
        });
    }
}
