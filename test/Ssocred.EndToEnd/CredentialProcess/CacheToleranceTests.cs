using System.Text.Json.Nodes;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>SPEC §3: a cache file that is corrupt, truncated or of the wrong shape counts as absent.</summary>
internal sealed class CacheToleranceTests : EndToEndTest
{
    private static readonly string[] BadFiles =
    [
        string.Empty,
        "{",
        "{\"ProviderType\": \"sso\", \"Credentials\": {\"AccessKeyId\": \"ASIA",
        "null",
        "[]",
        "{\"Credentials\": 5}",
        "{\"Credentials\": {\"AccessKeyId\": 1, \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"2099-01-01T00:00:00Z\"}}",
        "{\"Credentials\": {\"AccessKeyId\": \"ASIA1\", \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"tomorrow\"}}",
        "\u0000\u0001binary junk\u00ff",
    ];

    [Test]
    public async Task Corrupt_role_cache_is_treated_as_absent([ValueSource(nameof(BadFiles))] string content)
    {
        SeedToken(TimeSpan.FromHours(2));
        Directory.CreateDirectory(Home.RoleCacheFolder);
        File.WriteAllText(Home.RolePath(CorpAdminRoleKey), content);

        var run = await Run("--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Is.Empty);
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
            Assert.That(Home.ReadJson(Home.RolePath(CorpAdminRoleKey))!["ProviderType"]!.GetValue<string>(), Is.EqualTo("sso"), "replaced by a good file");
        });
    }

    [TestCase("")]
    [TestCase("{\"accessToken\": ")]
    [TestCase("{\"accessToken\": 42, \"expiresAt\": \"2099-01-01T00:00:00Z\"}")]
    [TestCase("{\"accessToken\": \"x\", \"expiresAt\": 4102444800}")]
    [TestCase("{\"accessToken\": \"x\"}")]
    public async Task Corrupt_token_file_is_treated_as_absent(string content)
    {
        Directory.CreateDirectory(Home.TokenCacheFolder);
        File.WriteAllText(Home.TokenPath(CorpTokenKey), content);

        var run = await Run("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "no valid SSO session for 'corp'");
    }

    [Test]
    public async Task Corrupt_file_is_logged_with_verbose()
    {
        SeedToken(TimeSpan.FromHours(2));
        Directory.CreateDirectory(Home.RoleCacheFolder);
        File.WriteAllText(Home.RolePath(CorpAdminRoleKey), "{");

        var run = await Run("--profile", "demo-sso", "-v");

        AssertCredentialJson(run);
        Assert.That(run.Stderr, Does.Contain("ignoring the cache file").And.Contain(CorpAdminRoleKey));
    }

    [TestCase("2099-01-01T09:00:00+09:00")]
    [TestCase("2099-01-01T00:00:00.123456Z")]
    [TestCase("2099-01-01T00:00:00UTC")]
    public async Task Odd_but_valid_times_in_the_token_file_are_understood(string expiresAt)
    {
        SeedToken(TimeSpan.FromHours(2));
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        token["expiresAt"] = expiresAt;
        Home.WriteTokenFile(CorpTokenKey, token);

        AssertCredentialJson(await Run("--profile", "demo-sso"));
        Assert.That(Fake.TokenCalls("refresh_token"), Is.Zero);
    }

    [Test]
    public async Task Token_file_fields_ssocred_does_not_know_survive_a_refresh()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        token["someFutureField"] = new JsonObject { ["kept"] = true };
        Home.WriteTokenFile(CorpTokenKey, token);

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.That(Home.ReadJson(Home.TokenPath(CorpTokenKey))!["someFutureField"]!["kept"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    [Category(Platforms.EveryBuildTests.Category)]
    public async Task World_writable_cache_folder_is_refused_and_nothing_written_there()
    {
        // Under Wine the mode becomes the folder's ACL: an entry that lets Everyone write.
        SeedToken(TimeSpan.FromHours(2));
        Directory.CreateDirectory(Home.RoleCacheFolder);
        File.SetUnixFileMode(Home.RoleCacheFolder, (UnixFileMode)0b111_111_111);

        var run = await Run("--profile", "demo-sso");

        AssertFailure(run, 1, SsocredLauncher.AsSeenByIt(Home, Home.RoleCacheFolder), SsocredLauncher.IsWine ? "writable by Everyone" : "writable by every user");
        Assert.That(Directory.EnumerateFileSystemEntries(Home.RoleCacheFolder), Is.Empty);
    }

    [Test]
    public async Task Unwritable_cache_is_a_warning_and_credentials_are_still_printed()
    {
        if (System.Environment.UserName == "root")
        {
            // root writes through any mode bits: make the cache path a file instead of a folder.
            Directory.CreateDirectory(Path.Combine(Home.AwsFolder, "cli"));
            File.WriteAllText(Home.RoleCacheFolder, "not a folder");
        }
        else
        {
            Directory.CreateDirectory(Home.RoleCacheFolder);
            File.SetUnixFileMode(Home.RoleCacheFolder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.That(run.Stderr, Does.StartWith("ssocred: warning:"));
    }
}
