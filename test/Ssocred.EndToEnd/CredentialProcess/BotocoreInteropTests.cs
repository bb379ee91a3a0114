using System.Text.Json.Nodes;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>SPEC §3: the caches are shared with botocore (and so the AWS CLI), both ways.</summary>
internal sealed class BotocoreInteropTests : EndToEndTest
{
    // botocore's own SSO provider, pointed at the fake through AWS_ENDPOINT_URL_SSO, with the
    // file cache the AWS CLI v2 gives it (plain boto3 keeps role credentials in memory only).
    private const string BotocoreCredentials = """
        import boto3, json, os
        from botocore.credentials import JSONFileCache
        s = boto3.Session(profile_name='demo-sso')
        s._session.get_component('credential_provider').get_provider('sso').cache = JSONFileCache(os.path.expanduser('~/.aws/cli/cache'))
        c = s.get_credentials().get_frozen_credentials()
        print(json.dumps({'AccessKeyId': c.access_key}))
        """;

    [Test]
    public async Task Botocore_uses_the_token_ssocred_refreshed()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        AssertCredentialJson(await Run("--profile", "demo-sso"));
        File.Delete(Home.RolePath(CorpAdminRoleKey));
        Fake.ResetCounters();

        var botocore = RunPython(BotocoreCredentials);

        Assert.Multiple(() =>
        {
            Assert.That(botocore["AccessKeyId"]!.GetValue<string>(), Does.StartWith("ASIA"));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1), "botocore fetched with ssocred's token");
            Assert.That(Fake.Calls("CreateToken"), Is.Zero, "and did not need to refresh it");
        });
    }

    [Test]
    public async Task Botocore_uses_the_role_credentials_ssocred_cached_without_a_call()
    {
        SeedToken(TimeSpan.FromHours(4));
        var ours = AssertCredentialJson(await Run("--profile", "demo-sso"));
        Fake.ResetCounters();

        var botocore = RunPython(BotocoreCredentials);

        Assert.Multiple(() =>
        {
            Assert.That(botocore["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(ours["AccessKeyId"]!.GetValue<string>()));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero);
        });
    }

    [Test]
    public async Task Ssocred_uses_role_credentials_botocore_cached()
    {
        SeedToken(TimeSpan.FromHours(4));
        var botocore = RunPython(BotocoreCredentials);
        Fake.ResetCounters();

        var ours = AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.Multiple(() =>
        {
            Assert.That(ours["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(botocore["AccessKeyId"]!.GetValue<string>()));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero);
        });
    }

    [Test]
    public async Task Ssocred_refreshes_a_token_botocore_wrote_and_botocore_reads_the_result()
    {
        // botocore's SSOTokenProvider writes the token file itself when it refreshes.
        SeedToken(TimeSpan.FromMinutes(5));
        RunPython("""
            import botocore.session, json
            s = botocore.session.Session(profile='demo-sso')
            print(json.dumps({'token': 'ok' if s.get_component('token_provider').load_token().get_frozen_token().token else ''}))
            """);
        Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1), "botocore refreshed inside its 15-minute window");
        var written = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        Home.WriteTokenFile(CorpTokenKey, With(written, "expiresAt", CliTime(DateTimeOffset.UtcNow.AddMinutes(-1))));

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(2), "ssocred refreshed with the refresh token botocore saved");
    }

    private static JsonObject With(JsonObject source, string key, string value)
    {
        var copy = source.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }

    private JsonObject RunPython(string script) => PythonScript.Run(script, Environment());
}
