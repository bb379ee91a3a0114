using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeIdentityCenter;
using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>
/// The AWS CLI v2 (Debian's awscli, 2.9.19) shares its caches with ssocred: it reads the role
/// credentials and the token ssocred cached, and its own <c>aws sso login</c> leaves a token that
/// ssocred uses. (Its credential_process use is in <see cref="CredentialProcessTests"/>.)
/// </summary>
internal sealed partial class AwsCliV2Tests : InteropTest
{
    private static readonly string[] FakeOperations =
    [
        Operations.RegisterClient, Operations.StartDeviceAuthorization, Operations.CreateToken,
        Operations.GetRoleCredentials, Operations.ListAccounts, Operations.ListAccountRoles, Operations.Logout,
    ];

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
        AssertRoleCredentialsFetchedOnceWithTheCachedToken("the CLI, with the token ssocred refreshed");
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
        AssertRoleCredentialsFetchedOnceWithTheCachedToken("ssocred, with the CLI's token");
    }

    /// <summary>The consumer environment, plus the endpoint rule sets that send the CLI's own SSO calls to the fake.</summary>
    private Dictionary<string, string> CliEnvironment()
    {
        var environment = ConsumerEnvironment();
        environment["AWS_DATA_PATH"] = AwsCliV2Endpoints.WriteDataPath(Path.Combine(Home.Root, "cli-v2-data"), Fake.Endpoint);
        return environment;
    }

    private int CallsToTheFake() => FakeOperations.Sum(Fake.Calls);

    /// <summary>One GetRoleCredentials and no CreateToken: the token in the cache was used as it was.</summary>
    private void AssertRoleCredentialsFetchedOnceWithTheCachedToken(string who) =>
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls(Operations.GetRoleCredentials), Is.EqualTo(1), $"{who} fetched role credentials");
            Assert.That(Fake.Calls(Operations.CreateToken), Is.Zero, $"{who} had no need to refresh or sign in");
        });

    // "http://127.0.0.1:PORT/device?user_code=ABCD-EFGH", the link that fills in the code.
    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/device\?user_code=(?<code>[A-Z]{4}-[A-Z]{4})")]
    private static partial Regex VerificationLink();
}
