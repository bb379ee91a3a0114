using FakeIdentityCenter;
using Ssocred.EndToEnd.SignIn;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>
/// SPEC §7, <c>ssocred console</c>: getSigninToken at the fake's federation endpoint
/// (AWS_ENDPOINT_URL_SIGNIN) with the role's session, then the login URL, printed with --url or
/// opened by a stand-in browser. The URLs are secrets: the leak check covers stderr and logs.
/// </summary>
internal sealed class ConsoleCommandTests : EndToEndTest
{
    [Test]
    public async Task Url_prints_the_login_url_for_a_session_the_fake_issued()
    {
        SeedToken(TimeSpan.FromHours(4));

        var run = await RunWith(ConsoleEnvironment(), "console", "--profile", "demo-sso", "--url");

        var cached = Home.ReadJson(Home.RolePath(CorpAdminRoleKey))!["Credentials"]!;
        var sessions = Fake.SigninSessions;
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stderr, Is.Empty);
            Assert.That(run.Stdout, Does.Match($"^{Regex(Fake.Endpoint)}/federation\\?Action=login&Issuer=ssocred&Destination=https%3A%2F%2Fconsole\\.aws\\.amazon\\.com%2F&SigninToken=[^&\\s]+\\n$"));
            Assert.That(sessions, Has.Count.EqualTo(1));
            Assert.That(sessions[0].Issued, Is.True, "the session JSON arrived whole: the credentials the fake issued");
            Assert.That(sessions[0].SessionId, Is.EqualTo(cached["AccessKeyId"]!.GetValue<string>()));
            Assert.That(Fake.ConsoleLogins, Is.Empty, "nothing opened");
        });

        using var browser = new HttpClient();
        var page = await browser.GetAsync(new Uri(run.Stdout.Trim()));
        Assert.Multiple(() =>
        {
            Assert.That((int)page.StatusCode, Is.EqualTo(200));
            Assert.That(Fake.ConsoleLogins.Single().KnownSigninToken, Is.True);
            Assert.That(Fake.ConsoleLogins.Single().Destination, Is.EqualTo("https://console.aws.amazon.com/"));
        });
    }

    [Test]
    public async Task The_default_destination_is_the_profiles_region_and_destination_overrides_it()
    {
        Home.WriteConfig(StandardConfig.Replace("sso_role_name = AdministratorAccess", "sso_role_name = AdministratorAccess\nregion = eu-west-3", StringComparison.Ordinal));
        SeedToken(TimeSpan.FromHours(4));

        var regional = await RunWith(ConsoleEnvironment(), "console", "--profile", "demo-sso", "--url");
        var chosen = await RunWith(ConsoleEnvironment(), "console", "--profile", "demo-sso", "--url", "--destination", "https://console.aws.amazon.com/s3/home?a=1&b=2");

        Assert.Multiple(() =>
        {
            Assert.That(regional.Stdout, Does.Contain("&Destination=https%3A%2F%2Feu-west-3.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-3&"), regional.ToString());
            Assert.That(chosen.Stdout, Does.Contain("&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome%3Fa%3D1%26b%3D2&"), chosen.ToString());
        });
    }

    [Test]
    public async Task Without_url_the_browser_opens_it_and_nothing_reaches_stdout_stderr_or_the_log()
    {
        SeedToken(TimeSpan.FromHours(4));
        var environment = ConsoleEnvironment();
        environment["BROWSER"] = SignInTest.BrowserScript("follow");
        var log = LogFile();

        var run = await RunWith(environment, "console", "--profile", "demo-sso", "-v", "--log-file", log);

        var login = Fake.ConsoleLogins.SingleOrDefault();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(login?.KnownSigninToken, Is.True, "the browser arrived with a sign-in token the fake issued");
            Assert.That(login?.Issuer, Is.EqualTo("ssocred"));
            Assert.That(File.ReadAllText(log), Does.Contain("opened the AWS console"));
            Assert.That(run.Stderr + File.ReadAllText(log), Does.Not.Contain("SigninToken=").And.Not.Contain("Session="));
        });
    }

    [TestCase(400)]
    [TestCase(500)]
    public async Task A_federation_endpoint_that_refuses_is_exit_1_with_its_status(int status)
    {
        SeedToken(TimeSpan.FromHours(4));
        Fake.FailSigninTokens(status);

        var run = await RunWith(ConsoleEnvironment(), "console", "--profile", "demo-sso", "--url", "-v");

        AssertFailure(run, 1, $"answered {status}", "getSigninToken");
        Assert.That(run.Stderr, Does.Not.Contain("Session=").And.Not.Contain("sessionKey"));
    }

    [Test]
    public async Task A_browser_that_cannot_open_it_is_exit_1_without_the_url_anywhere()
    {
        SeedToken(TimeSpan.FromHours(4));
        var environment = ConsoleEnvironment();
        environment["BROWSER"] = "false";

        var run = await RunWith(environment, "console", "--profile", "demo-sso");

        AssertFailure(run, 1, "no browser could open the AWS console", "--url");
        Assert.That(run.Stderr, Does.Not.Contain("SigninToken"));
    }

    [TestCase("console.aws.amazon.com")]
    [TestCase("ftp://console.aws.amazon.com/")]
    public async Task A_destination_that_is_not_a_url_is_a_usage_error(string destination)
    {
        var run = await RunWith(ConsoleEnvironment(), "console", "--profile", "demo-sso", "--url", "--destination", destination);

        AssertFailure(run, 2, "--destination takes the URL");
    }

    private Dictionary<string, string> ConsoleEnvironment()
    {
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SIGNIN"] = Fake.Endpoint;
        return environment;
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
