using System.Text.Json.Nodes;
using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>
/// SPEC §7, <c>ssocred serve</c>: the container-credentials endpoint, run as a person runs it —
/// the published executable, its two export lines read from stdout, requests over HTTP, and a
/// signal to stop it.
/// </summary>
internal sealed class ServeCommandTests : EndToEndTest
{
    [Test]
    public async Task It_prints_the_two_export_lines_serves_the_fakes_credentials_and_exits_0_on_sigterm()
    {
        SeedToken(TimeSpan.FromHours(4));
        using var serve = await Serve("--profile", "demo-sso");

        var (status, body) = await serve.RequestAsync();
        serve.Signal(Signals.SIGTERM);
        var run = await Finish(serve);

        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Match(@"^export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127\.0\.0\.1:\d+/\nexport AWS_CONTAINER_AUTHORIZATION_TOKEN=[A-Za-z0-9_-]{43}\n$"));
            Assert.That(status, Is.EqualTo(200), body);
            Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "AccountId" }));
            Assert.That(Fake.IssuedSecrets, Does.Contain(json["SecretAccessKey"]!.GetValue<string>()));
            Assert.That(Fake.IssuedSecrets, Does.Contain(json["Token"]!.GetValue<string>()));
            Assert.That(json["Expiration"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(json["AccountId"]!.GetValue<string>(), Is.EqualTo(AccountId));
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stderr, Is.Empty, "nothing to say when all is well");
        });
    }

    [Test]
    public async Task Sigint_ends_it_with_exit_0_and_each_start_has_a_new_token()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        using var first = await Serve("--profile", "demo-sso");
        using var second = await Serve("--profile", "demo-sso");

        first.Signal(Signals.SIGINT);
        second.Signal(Signals.SIGINT);
        var runs = new[] { await Finish(first), await Finish(second) };

        Assert.Multiple(() =>
        {
            Assert.That(first.Token, Is.Not.EqualTo(second.Token));
            Assert.That(first.Uri.Port, Is.Not.EqualTo(second.Uri.Port), "a random free port each");
            Assert.That(runs.Select(r => r.ExitCode), Is.All.Zero);
        });
    }

    [Test]
    public async Task Refusals_carry_no_credentials_and_fetch_none()
    {
        SeedToken(TimeSpan.FromHours(4));
        using var serve = await Serve("--profile", "demo-sso");

        var missing = await serve.RequestAsync(authorization: null);
        var wrong = await serve.RequestAsync(authorization: "not-the-token");
        var prefix = await serve.RequestAsync(authorization: serve.Token[..^1]);
        var fromPage = await serve.RequestAsync(origin: "http://attacker.example");
        var post = await serve.RequestAsync(HttpMethod.Post);
        var put = await serve.RequestAsync(HttpMethod.Put);
        serve.Signal(Signals.SIGTERM);
        await Finish(serve);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { missing.Status, wrong.Status, prefix.Status }, Is.All.EqualTo(401));
            Assert.That(fromPage.Status, Is.EqualTo(403));
            Assert.That(new[] { post.Status, put.Status }, Is.All.EqualTo(405));
            foreach (var (_, body) in new[] { missing, wrong, prefix, fromPage, post, put })
            {
                Assert.That(body, Does.Not.Contain(FakeIdentityCenterServer.LeakMarker).And.Not.Contain("AccessKeyId"));
            }

            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero, "no refusal reaches the credential path");
        });
    }

    [Test]
    public async Task Fifty_requests_at_once_with_only_a_token_cached_make_one_GetRoleCredentials()
    {
        SeedToken(TimeSpan.FromHours(4));
        using var serve = await Serve("--profile", "demo-sso");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => serve.RequestAsync())));
        serve.Signal(Signals.SIGTERM);
        await Finish(serve);

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(200));
            Assert.That(answers.Select(a => JsonNode.Parse(a.Body)!["AccessKeyId"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(1));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Credentials_are_renewed_when_fewer_than_min_ttl_remain()
    {
        await using var fake = await FakeIdentityCenterServer.StartAsync(new FakeOptions { RoleCredentialsLifetime = TimeSpan.FromMinutes(16) });
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSO"] = environment["AWS_ENDPOINT_URL_SSO_OIDC"] = fake.BaseUrl.ToString();
        SeedToken(TimeSpan.FromHours(4), fake: fake);
        // 16-minute credentials with a margin of 15 min 58 s are renewed two seconds after they were fetched.
        using var serve = await ServeWith(environment, "--profile", "demo-sso", "--min-ttl", "958s");

        var first = JsonNode.Parse((await serve.RequestAsync()).Body)!["AccessKeyId"]!.GetValue<string>();
        var again = JsonNode.Parse((await serve.RequestAsync()).Body)!["AccessKeyId"]!.GetValue<string>();
        var callsWhileFresh = fake.Calls("GetRoleCredentials");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var renewed = JsonNode.Parse((await serve.RequestAsync()).Body)!["AccessKeyId"]!.GetValue<string>();
        serve.Signal(Signals.SIGTERM);
        await Finish(serve, environment);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(callsWhileFresh, Is.EqualTo(1));
            Assert.That(renewed, Is.Not.EqualTo(first));
            Assert.That(fake.Calls("GetRoleCredentials"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task With_no_login_and_an_expired_session_requests_get_500_saying_to_sign_in_and_it_keeps_serving()
    {
        SeedToken(TimeSpan.FromMinutes(-5), withRefreshToken: false);
        var log = LogFile();
        using var serve = await Serve("--profile", "demo-sso", "--no-login", "-v", "--log-file", log);

        var (status, body) = await serve.RequestAsync();
        var again = await serve.RequestAsync();
        serve.Signal(Signals.SIGTERM);
        var run = await Finish(serve);

        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(500));
            Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "code", "message" }));
            Assert.That(json["message"]!.GetValue<string>(), Does.Contain("run: ssocred login --profile demo-sso"));
            Assert.That(again.Status, Is.EqualTo(500), "still serving");
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero);
        });
    }

    [Test]
    public async Task Port_serves_on_that_port_and_a_taken_port_is_exit_1_with_nothing_on_stdout()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var port = UnusedPort();
        using var serve = await Serve("--profile", "demo-sso", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var taken = await Run("serve", "--profile", "demo-sso", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var served = await serve.RequestAsync();
        serve.Signal(Signals.SIGTERM);
        await Finish(serve);

        Assert.Multiple(() =>
        {
            Assert.That(serve.Uri, Is.EqualTo(new Uri($"http://127.0.0.1:{port}/")));
            Assert.That(served.Status, Is.EqualTo(200));
            AssertFailure(taken, 1, $"127.0.0.1:{port}", "in use");
        });
    }

    [Test]
    public async Task A_profile_that_cannot_be_resolved_is_exit_1_before_anything_is_printed()
    {
        var run = await Run("serve", "--profile", "nonexistent");

        AssertFailure(run, 1, "profile 'nonexistent'");
    }

    [TestCase("--port", "0")]
    [TestCase("--port", "http")]
    [TestCase("--port", "65536")]
    public async Task A_bad_port_is_a_usage_error(string option, string value)
    {
        var run = await Run("serve", "--profile", "demo-sso", option, value);

        AssertFailure(run, 2, "--port takes a port number");
    }

    private Task<ServeProcess> Serve(params string[] args) => ServeWith(Environment(), args);

    private static Task<ServeProcess> ServeWith(Dictionary<string, string> environment, params string[] args) =>
        ServeProcess.StartAsync(["serve", .. args], environment);

    private async Task<SsocredRun> Finish(ServeProcess serve, Dictionary<string, string>? environment = null)
    {
        var run = await serve.WaitForExitAsync();
        Record(run, environment ?? Environment(), ["serve"]);
        return run;
    }
}
