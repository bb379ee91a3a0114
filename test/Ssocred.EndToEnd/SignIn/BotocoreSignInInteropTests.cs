using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.SignIn;

/// <summary>SPEC §3: a token from ssocred's own sign-in is one botocore (and so the AWS CLI) uses.</summary>
internal sealed class BotocoreSignInInteropTests : SignInTest
{
    [Test]
    public async Task Botocore_uses_the_token_of_a_pkce_sign_in_by_ssocred()
    {
        var login = await RunWith(WithFollowingBrowser(), "login", "--profile", "demo-sso");
        Assert.That(login.ExitCode, Is.Zero, login.ToString());
        Fake.ResetCounters();

        var botocore = PythonScript.Run(
            """
            import boto3, json
            c = boto3.Session(profile_name='demo-sso').get_credentials().get_frozen_credentials()
            print(json.dumps({'AccessKeyId': c.access_key}))
            """,
            Environment());

        Assert.Multiple(() =>
        {
            Assert.That(botocore["AccessKeyId"]!.GetValue<string>(), Does.StartWith("ASIA"));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1), "botocore fetched with ssocred's token");
            Assert.That(Fake.Calls("CreateToken") + Fake.Calls("RegisterClient"), Is.Zero, "and needed neither a refresh nor a sign-in");
        });
    }

    [Test]
    public async Task Botocore_refreshes_the_token_of_a_pkce_sign_in_by_ssocred()
    {
        var login = await RunWith(WithFollowingBrowser(), "login", "--profile", "demo-sso");
        Assert.That(login.ExitCode, Is.Zero, login.ToString());
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        token["expiresAt"] = CliTime(DateTimeOffset.UtcNow.AddMinutes(5));
        TestHome.WriteJson(Home.TokenPath(CorpTokenKey), token);
        Fake.ResetCounters();

        PythonScript.Run(
            """
            import botocore.session, json
            s = botocore.session.Session(profile='demo-sso')
            print(json.dumps({'token': bool(s.get_component('token_provider').load_token().get_frozen_token().token)}))
            """,
            Environment());

        Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1), "botocore refreshed with the refresh token and registration ssocred saved");
    }
}
