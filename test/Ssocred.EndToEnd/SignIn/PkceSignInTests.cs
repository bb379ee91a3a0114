using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.SignIn;

/// <summary>SPEC §2: the authorization code sign-in with PKCE, through stand-in browsers.</summary>
internal sealed class PkceSignInTests : SignInTest
{
    [Test]
    public async Task From_empty_caches_ssocred_signs_in_through_the_browser_and_prints_credentials()
    {
        var logFile = LogFile();

        var run = await RunWith(WithFollowingBrowser(), "--profile", "demo-sso", "-v", "--log-file", logFile);

        AssertCredentialJson(run);
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        var registration = Home.ReadJson(Home.TokenPath(CorpRegistrationKey))!;
        var client = Fake.Clients.Single();
        var url = BrowserInvocations().Single().Single();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("RegisterClient"), Is.EqualTo(1));
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1));
            Assert.That(Fake.TokenCalls("authorization_code"), Is.EqualTo(1));
            Assert.That(Fake.Calls("StartDeviceAuthorization"), Is.Zero);
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));

            // RegisterClient as SPEC §2 says.
            Assert.That(client.GrantTypes, Is.EquivalentTo(new[] { "authorization_code", "refresh_token" }));
            Assert.That(client.RedirectUris, Is.EqualTo(new[] { "http://127.0.0.1/oauth/callback" }));
            Assert.That(client.IssuerUrl, Is.EqualTo(StartUrl));
            Assert.That(client.Scopes, Is.EqualTo(new[] { "sso:account:access" }));

            // The authorize URL, with the OIDC endpoint in use and the listener's port.
            Assert.That(url, Does.Match(AuthorizeUrlPattern(Fake.Endpoint, client.ClientId)));
            Assert.That(run.Stderr, Does.Contain(url), "the person sees the URL too");

            // The token and registration files, in the AWS CLI v2's shapes.
            Assert.That(token.Select(p => p.Key), Is.EquivalentTo(new[] { "startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken" }));
            Assert.That(token["startUrl"]!.GetValue<string>(), Is.EqualTo(StartUrl));
            Assert.That(token["clientId"]!.GetValue<string>(), Is.EqualTo(client.ClientId));
            Assert.That(ParseTime(token["expiresAt"]!.GetValue<string>()), Is.EqualTo(DateTimeOffset.UtcNow.AddHours(8)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(registration.Select(p => p.Key), Is.EqualTo(new[] { "clientId", "clientSecret", "expiresAt", "scopes", "grantTypes" }));
            Assert.That(registration["grantTypes"]!.AsArray().Select(g => g!.GetValue<string>()), Is.EqualTo(new[] { "authorization_code", "refresh_token" }));
            Assert.That(registration["expiresAt"]!.GetValue<string>(), Is.EqualTo(CliTime(client.ExpiresAt)));
        });

        // Issue 7: the authorization code and the PKCE verifier (which the fake records when it
        // receives it) are in neither stderr nor the log, even at -v.
        var log = File.ReadAllText(logFile);
        Assert.That(Fake.IssuedSecrets, Has.Count.GreaterThanOrEqualTo(6), "code, verifier, tokens, secrets");
        foreach (var secret in Fake.IssuedSecrets)
        {
            Assert.That(run.Stderr + log, Does.Not.Contain(secret));
        }
    }

    [Test]
    public async Task The_listener_closes_once_answered_so_a_replayed_callback_is_refused()
    {
        // The code exchange's first attempt hangs (15 s, then the SDK retries): the replay comes
        // while ssocred is still running, so only a listener already closed refuses it.
        Fake.InjectFault("CreateToken:authorization_code", FakeIdentityCenter.FaultKind.Hang, times: 1);
        var replay = Path.Combine(Home.Root, "replay-status");
        var environment = WithBrowser(Quote(BrowserScript("follow-then-replay")));
        environment["STANDIN_REPLAY_STATUS"] = replay;

        AssertCredentialJson(await RunWith(environment, "--profile", "demo-sso"));

        // The browser outlives ssocred (as real ones do): wait for its record.
        for (var waited = 0; !File.Exists(replay) && waited < 100; waited++)
        {
            await Task.Delay(100);
        }

        var (status, callback) = File.ReadAllText(replay).Trim().Split(' ') is [var s, var c] ? (s, c) : throw new AssertionException("no replay record");
        Assert.Multiple(() =>
        {
            Assert.That(callback, Does.Match(@"^http://127\.0\.0\.1:\d+/oauth/callback$"), "the replay went to the real callback");
            Assert.That(status, Is.EqualTo("7"), "curl's exit code: the connection was refused");
            Assert.That(Fake.Calls("CreateToken"), Is.EqualTo(2), "the hung attempt and its retry");
        });
    }

    [Test]
    public async Task Browser_with_percent_s_gets_the_url_in_that_place()
    {
        var run = await RunWith(WithBrowser($"{Quote(BrowserScript("follow"))} --before %s --after"), "--profile", "demo-sso");

        AssertCredentialJson(run);
        var arguments = BrowserInvocations().Single();
        Assert.Multiple(() =>
        {
            Assert.That(arguments, Has.Count.EqualTo(3));
            Assert.That(arguments[0], Is.EqualTo("--before"));
            Assert.That(arguments[1], Does.StartWith(Fake.Endpoint + "/authorize?"));
            Assert.That(arguments[2], Is.EqualTo("--after"));
        });
    }

    [Test]
    public async Task Browser_without_percent_s_gets_the_url_as_its_last_argument()
    {
        var run = await RunWith(WithBrowser($"{Quote(BrowserScript("follow"))} --new-tab"), "--profile", "demo-sso");

        AssertCredentialJson(run);
        var arguments = BrowserInvocations().Single();
        Assert.Multiple(() =>
        {
            Assert.That(arguments, Has.Count.EqualTo(2));
            Assert.That(arguments[0], Is.EqualTo("--new-tab"));
            Assert.That(arguments[1], Does.StartWith(Fake.Endpoint + "/authorize?"));
        });
    }

    [Test]
    public async Task Shell_metacharacters_in_the_url_and_in_browser_words_run_nothing()
    {
        // The authorize URL holds '?', '&' and '%' (a shell would cut it at the first '&'); the
        // quoted word holds the rest. Were a shell involved, the touch commands would run.
        var trap = Path.Combine(Home.Root, "pwned");
        var word = $"--label=a;touch {trap}|touch {trap}&touch {trap}$(touch {trap})`touch {trap}`";
        var run = await RunWith(WithBrowser($"{Quote(BrowserScript("follow"))} {Quote(word)} %s"), "--profile", "demo-sso");

        AssertCredentialJson(run);
        var arguments = BrowserInvocations().Single();
        Assert.Multiple(() =>
        {
            Assert.That(arguments, Has.Count.EqualTo(2));
            Assert.That(arguments[0], Is.EqualTo(word));
            Assert.That(arguments[1], Does.Match(AuthorizeUrlPattern(Fake.Endpoint, Fake.Clients.Single().ClientId)), "the whole URL, one argument");
            Assert.That(File.Exists(trap), Is.False, "no shell ran");
        });
    }

    [Test]
    public async Task A_callback_with_a_wrong_or_missing_state_is_rejected_and_the_right_one_still_signs_in()
    {
        var run = await RunWith(WithBrowser(Quote(BrowserScript("forge-then-follow"))), "--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllLines(BrowserLog), Is.EqualTo(new[] { "forged-state 400", "missing-state 400", "other-path 404", "real 200" }));
            Assert.That(Fake.TokenCalls("authorization_code"), Is.EqualTo(1), "only the real answer was exchanged");
        });
    }

    [Test]
    public async Task A_sign_in_nobody_completes_ends_at_the_login_timeout()
    {
        // 'true' takes the URL and does nothing with it, like a person who walked away.
        var run = await RunWith(WithBrowser("true"), "--profile", "demo-sso", "--login-timeout", "3s");

        AssertFailure(run, 1, "was not completed within 3 s", "--login-timeout");
        Assert.Multiple(() =>
        {
            Assert.That(run.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)).And.LessThan(TimeSpan.FromSeconds(15)));
            Assert.That(File.Exists(Home.TokenPath(CorpTokenKey)), Is.False);
            Assert.That(Fake.Calls("CreateToken"), Is.Zero);
        });
    }

    [Test]
    public async Task Access_denied_in_the_browser_is_an_error_that_says_so()
    {
        Fake.SetDenyAuthorization(true);

        var run = await RunWith(WithFollowingBrowser(), "--profile", "demo-sso");

        AssertFailure(run, 1, "refused in the browser (access_denied", "run: ssocred login --profile demo-sso");
        Assert.That(Fake.Calls("CreateToken"), Is.Zero);
    }

    [Test]
    public async Task The_callback_port_given_is_the_one_in_the_redirect_uri()
    {
        var port = UnusedPort();

        var run = await RunWith(WithFollowingBrowser(), "--profile", "demo-sso", "--callback-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        AssertCredentialJson(run);
        Assert.That(BrowserInvocations().Single().Single(), Does.Contain($"redirect_uri=http%3A%2F%2F127.0.0.1%3A{port}%2Foauth%2Fcallback&"));
    }

    [Test]
    public async Task A_taken_callback_port_fails_naming_it_before_any_browser_opens()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await RunWith(WithFollowingBrowser(), "--profile", "demo-sso", "--callback-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        AssertFailure(run, 1, $"127.0.0.1:{port}", "--callback-port");
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(BrowserLog), Is.False, "no browser opened");
            Assert.That(Fake.Calls("RegisterClient"), Is.Zero);
        });
    }

    [Test]
    public async Task The_page_a_real_headless_chromium_ends_on_says_the_sign_in_worked()
    {
        MissingTool.FirstExisting("needs /usr/bin/chromium (Debian package chromium)", "/usr/bin/chromium");

        var run = await RunWith(WithBrowser(Quote(BrowserScript("chromium-headless"))), "--profile", "demo-sso");

        AssertCredentialJson(run);
        // ssocred may finish before Chromium has written the page it shows.
        await WaitUntil(() => File.Exists(BrowserPage) && File.ReadAllText(BrowserPage).Contains("</html>", StringComparison.Ordinal), "Chromium has saved the page", TimeSpan.FromSeconds(60));
        var page = File.ReadAllText(BrowserPage);
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("<title>ssocred: Signed in</title>"));
            Assert.That(page, Does.Contain("You can close this tab"));
            Assert.That(Fake.Calls("Authorize"), Is.EqualTo(1));
            Assert.That(Fake.TokenCalls("authorization_code"), Is.EqualTo(1));
        });
    }

    private static string AuthorizeUrlPattern(string endpoint, string clientId) =>
        "^" + Regex.Escape(endpoint) + "/authorize\\?response_type=code"
        + "&client_id=" + Regex.Escape(clientId)
        + "&redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A[0-9]+%2Foauth%2Fcallback"
        + "&state=[A-Za-z0-9_-]{32,}"
        + "&code_challenge_method=S256"
        + "&scopes=sso%3Aaccount%3Aaccess"
        + "&code_challenge=[A-Za-z0-9_-]{43}$";
}
