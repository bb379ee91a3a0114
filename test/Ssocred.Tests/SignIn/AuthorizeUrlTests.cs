using Ssocred.SignIn;

namespace Ssocred.Tests.SignIn;

/// <summary>SPEC §2: the authorize URL, parameter by parameter, and the PKCE values in it.</summary>
public class AuthorizeUrlTests
{
    [Test]
    public void The_url_has_the_documented_parameters_in_order() =>
        Assert.That(
            AuthorizeUrl.Build(
                new Uri("https://oidc.ap-northeast-2.amazonaws.com"),
                "client-123",
                "http://127.0.0.1:53682/oauth/callback",
                "st-ate_1",
                ["sso:account:access", "codewhisperer:completions"],
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
            Is.EqualTo("https://oidc.ap-northeast-2.amazonaws.com/authorize?response_type=code&client_id=client-123"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Foauth%2Fcallback&state=st-ate_1&code_challenge_method=S256"
                + "&scopes=sso%3Aaccount%3Aaccess%20codewhisperer%3Acompletions&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));

    [Test]
    public void An_endpoint_override_keeps_its_port_and_loses_a_trailing_slash() =>
        Assert.That(
            AuthorizeUrl.Build(new Uri("http://127.0.0.1:4566/"), "c", "r", "s", ["x"], "y"),
            Does.StartWith("http://127.0.0.1:4566/authorize?response_type=code&"));

    [Test]
    public void The_challenge_is_s256_of_the_verifier_as_in_rfc_7636_appendix_b() =>
        Assert.That(PkceSecrets.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), Is.EqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));

    [Test]
    public void Each_sign_in_gets_fresh_unguessable_values()
    {
        var first = PkceSecrets.Create();
        var second = PkceSecrets.Create();

        Assert.Multiple(() =>
        {
            Assert.That(first.CodeVerifier.Reveal(), Has.Length.EqualTo(64).And.Match("^[A-Za-z0-9._~-]+$"));
            Assert.That(first.CodeChallenge, Is.EqualTo(PkceSecrets.ChallengeOf(first.CodeVerifier.Reveal())));
            Assert.That(first.State, Has.Length.AtLeast(32).And.Match("^[A-Za-z0-9_-]+$"));
            Assert.That(second.State, Is.Not.EqualTo(first.State));
            Assert.That(second.CodeVerifier, Is.Not.EqualTo(first.CodeVerifier));
            Assert.That(first.CodeVerifier.ToString(), Is.EqualTo("***"), "the verifier redacts itself");
        });
    }
}
