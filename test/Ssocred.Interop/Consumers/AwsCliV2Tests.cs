using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeIdentityCenter;
using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>
/// The AWS CLI v2 (Debian's awscli, 2.9.19), which shares its caches with ssocred: it runs ssocred
/// through credential_process, reads the role credentials and the token ssocred cached, and its
/// own <c>aws sso login</c> leaves a token that ssocred uses.
/// </summary>
internal sealed partial class AwsCliV2Tests : InteropTest
{
    private static readonly string[] FakeOperations =
    [
        Operations.RegisterClient, Operations.StartDeviceAuthorization, Operations.CreateToken,
        Operations.GetRoleCredentials, Operations.ListAccounts, Operations.ListAccountRoles, Operations.Logout,
    ];

    [Test]
    public async Task Gets_credentials_from_ssocred_through_credential_process()
    {
        var cli = Installed.AwsCliV2;
        SeedToken(TimeSpan.FromHours(4));

        var run = await RunConsumer(cli, CliEnvironment(), "sts", "get-caller-identity", "--profile", "demo", "--endpoint-url", Sts.Endpoint);

        AssertStsSawTheFakesCredentials(run);
    }

    [Test]
    public async Task Shows_ssocreds_message_when_it_fails()
    {
        var cli = Installed.AwsCliV2;
        var message = await SsocredFailureMessage();

        var run = await RunConsumer(cli, CliEnvironment(), "sts", "get-caller-identity", "--profile", "demo", "--endpoint-url", Sts.Endpoint);

        AssertShowsSsocredsMessage(run, message);
    }

    [Test]
    public async Task Exports_the_role_credentials_ssocred_cached_without_a_call()
    {
        var cli = Installed.AwsCliV2;
        SeedToken(TimeSpan.FromHours(4));
        var ours = AssertCredentialJson(await RunWith(ConsumerEnvironment(), "--profile", "demo-sso"));
        Fake.ResetCounters();

        var run = await RunConsumer(cli, CliEnvironment(), "configure", "export-credentials", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var exported = JsonNode.Parse(run.Stdout)!;
        Assert.Multiple(() =>
        {
            Assert.That(exported["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(ours["AccessKeyId"]!.GetValue<string>()));
            Assert.That(exported["SessionToken"]!.GetValue<string>(), Is.EqualTo(ours["SessionToken"]!.GetValue<string>()));
            Assert.That(CallsToTheFake(), Is.Zero, "the CLI read ssocred's cache file and called nothing");
        });
    }

    [Test]
    public async Task Uses_the_token_ssocred_refreshed_for_its_own_sso_profile()
    {
        var cli = Installed.AwsCliV2;
        var expired = SeedToken(TimeSpan.FromMinutes(-1));
        AssertCredentialJson(await RunWith(ConsumerEnvironment(), "--profile", "demo-sso"));
        Assert.That(Fake.TokenCalls(GrantTypes.RefreshToken), Is.EqualTo(1), "ssocred refreshed the expired token");
        // Only the token ssocred wrote can work now, and the CLI must fetch role credentials itself.
        Fake.RevokeAccessToken(expired.AccessToken);
        File.Delete(Home.RolePath(CorpAdminRoleKey));
        Fake.ResetCounters();

        var run = await RunConsumer(cli, CliEnvironment(), "sts", "get-caller-identity", "--profile", "demo-sso", "--endpoint-url", Sts.Endpoint);

        AssertStsSawTheFakesCredentials(run);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls(Operations.GetRoleCredentials), Is.EqualTo(1), "the CLI fetched role credentials with ssocred's token");
            Assert.That(Fake.Calls(Operations.CreateToken), Is.Zero, "and had no need to refresh it");
        });
    }

    [Test]
    public async Task Ssocred_uses_the_token_of_a_real_device_code_sso_login()
    {
        var cli = Installed.AwsCliV2;
        using var login = cli.Start(CliEnvironment(), "sso", "login", "--no-browser", "--profile", "demo-sso");

        // As a person would: read the link and code the CLI shows, open it, check the code, approve.
        var shown = await login.WaitForOutputAsync(VerificationLink(), TimeSpan.FromSeconds(60));
        var userCode = shown.Groups["code"].Value;
        Assert.That(userCode, Is.EqualTo(Fake.LastUserCode), "the CLI shows the code the fake issued");
        using (var browser = new HttpClient())
        {
            Assert.That(await browser.GetStringAsync(new Uri(shown.Value)), Does.Contain(userCode));
            using var form = new FormUrlEncodedContent([KeyValuePair.Create("user_code", userCode)]);
            (await browser.PostAsync(new Uri(Fake.BaseUrl, "/device/approve"), form)).EnsureSuccessStatusCode();
        }

        var signedIn = await login.WaitForExitAsync();
        Record(cli, signedIn);
        Assert.That(signedIn.ExitCode, Is.Zero, signedIn.ToString());
        Assert.That(signedIn.Stdout + signedIn.Stderr, Does.Contain($"Successfully logged into Start URL: {StartUrl}"));
        Fake.ResetCounters();

        // ssocred may not sign in (SSOCRED_NO_LOGIN), so only the CLI's token can get it credentials.
        var run = await RunConsumer(cli, CliEnvironment(), "sts", "get-caller-identity", "--profile", "demo", "--endpoint-url", Sts.Endpoint);

        AssertStsSawTheFakesCredentials(run);
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls(Operations.GetRoleCredentials), Is.EqualTo(1), "ssocred fetched role credentials with the CLI's token");
            Assert.That(Fake.Calls(Operations.CreateToken), Is.Zero, "as it was, without refreshing it");
        });
    }

    /// <summary>The consumer environment, plus the endpoint rule sets that send the CLI's own SSO calls to the fake.</summary>
    private Dictionary<string, string> CliEnvironment()
    {
        var environment = ConsumerEnvironment();
        environment["AWS_DATA_PATH"] = AwsCliV2Endpoints.WriteDataPath(Path.Combine(Home.Root, "cli-v2-data"), Fake.Endpoint);
        return environment;
    }

    private int CallsToTheFake() => FakeOperations.Sum(Fake.Calls);

    // "http://127.0.0.1:PORT/device?user_code=ABCD-EFGH", the link that fills in the code.
    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/device\?user_code=(?<code>[A-Z]{4}-[A-Z]{4})")]
    private static partial Regex VerificationLink();
}
