using System.Text.Json.Nodes;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>SPEC §1 steps 1–3: cached credentials, cached token, refreshed token.</summary>
internal sealed class CachePathTests : EndToEndTest
{
    [Test]
    [Category(Platforms.EveryBuildTests.Category)]
    public async Task Warm_path_prints_cached_credentials_and_calls_nothing()
    {
        SeedRoleCredentials(TimeSpan.FromMinutes(50), accessKeyId: "ASIAWARMWARMWARM0001");

        var run = await Run("--profile", "demo-sso");

        var json = AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(json["AccessKeyId"]!.GetValue<string>(), Is.EqualTo("ASIAWARMWARMWARM0001"));
            Assert.That(json["SecretAccessKey"]!.GetValue<string>(), Is.EqualTo("cached_LEAKMARK_secret_access_key"));
            Assert.That(run.Stderr, Is.Empty, "a clean run says nothing");
            Assert.That(Fake.Calls("GetRoleCredentials") + Fake.Calls("CreateToken"), Is.Zero);
        });
    }

    [Test]
    [Category(Platforms.EveryBuildTests.Category)]
    public async Task Cold_path_calls_GetRoleCredentials_once_and_caches_the_result_as_botocore_does()
    {
        SeedToken(TimeSpan.FromHours(4));

        var first = await Run("--profile", "demo-sso");
        var second = await Run("--profile", "demo-sso");

        var json = AssertCredentialJson(first);
        var cached = Home.ReadJson(Home.RolePath(CorpAdminRoleKey))!;
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1), "the second run used the cache");
            Assert.That(AssertCredentialJson(second)["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(json["AccessKeyId"]!.GetValue<string>()));
            Assert.That(cached["ProviderType"]!.GetValue<string>(), Is.EqualTo("sso"));
            Assert.That(cached["Credentials"]!["AccessKeyId"]!.GetValue<string>(), Is.EqualTo(json["AccessKeyId"]!.GetValue<string>()));
            Assert.That(cached["Credentials"]!["Expiration"]!.GetValue<string>(), Is.EqualTo(json["Expiration"]!.GetValue<string>()));
            Assert.That(cached["Credentials"]!["AccountId"]!.GetValue<string>(), Is.EqualTo(AccountId));
            Assert.That(ParseTime(json["Expiration"]!.GetValue<string>()), Is.EqualTo(DateTimeOffset.UtcNow.AddHours(1)).Within(TimeSpan.FromMinutes(2)));
        });
    }

    [Test]
    public async Task Cache_files_are_private_whatever_the_umask()
    {
        SeedToken(TimeSpan.FromHours(4));

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(Home.RoleCacheFolder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(File.GetUnixFileMode(Home.RolePath(CorpAdminRoleKey)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(Directory.EnumerateFiles(Home.RoleCacheFolder, "*.tmp"), Is.Empty, "no temp file left");
        });
    }

    [Test]
    public async Task Cache_and_lock_files_are_private_even_with_umask_000()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        // As an SDK started from a shell with a permissive umask would run it.
        var run = await SsocredProcess.RunAsync(
            ["-c", "umask 000; exec \"$0\" \"$@\"", SsocredExecutable.Path, "--profile", "demo-sso"],
            Environment(),
            executable: "/bin/sh");

        AssertCredentialJson(run);
        var written = new[]
        {
            Home.RolePath(CorpAdminRoleKey),
            Path.ChangeExtension(Home.RolePath(CorpAdminRoleKey), ".lock"),
            Home.TokenPath(CorpTokenKey),
            Path.ChangeExtension(Home.TokenPath(CorpTokenKey), ".lock"),
        };
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(Home.RoleCacheFolder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), "a folder ssocred created");
            foreach (var path in written)
            {
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(File0600), path);
            }
        });
    }

    [Test]
    public async Task Expired_token_is_refreshed_once_and_the_rotated_refresh_token_is_saved()
    {
        var seeded = SeedToken(TimeSpan.FromMinutes(-5));

        var run = await Run("--profile", "demo-sso");

        AssertCredentialJson(run);
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        Assert.Multiple(() =>
        {
            Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
            Assert.That(token["accessToken"]!.GetValue<string>(), Is.Not.EqualTo(seeded.AccessToken));
            Assert.That(token["refreshToken"]!.GetValue<string>(), Is.Not.EqualTo(seeded.RefreshToken), "refresh tokens rotate");
            Assert.That(ParseTime(token["expiresAt"]!.GetValue<string>()), Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(7)));
            Assert.That(token["expiresAt"]!.GetValue<string>(), Does.EndWith("Z"));
            Assert.That(token["startUrl"]!.GetValue<string>(), Is.EqualTo(StartUrl));
        });

        // The saved refresh token is the live one: the next refresh works.
        Home.WriteTokenFile(CorpTokenKey, WithExpiry(token, TimeSpan.FromMinutes(-1)));
        AssertCredentialJson(await Run("--profile", "demo-sso", "--force-refresh"));
        Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(2));
    }

    [Test]
    public async Task Token_inside_the_margin_is_refreshed_before_use()
    {
        SeedToken(TimeSpan.FromMinutes(10));

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
    }

    [Test]
    public async Task Min_ttl_decides_whether_cached_credentials_are_used()
    {
        SeedToken(TimeSpan.FromHours(4));
        SeedRoleCredentials(TimeSpan.FromMinutes(20));

        AssertCredentialJson(await Run("--profile", "demo-sso", "--min-ttl", "15m"));
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero);

        AssertCredentialJson(await Run("--profile", "demo-sso", "--min-ttl", "30m"));
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
    }

    [Test]
    public async Task Force_refresh_skips_cached_credentials()
    {
        SeedToken(TimeSpan.FromHours(4));
        SeedRoleCredentials(TimeSpan.FromMinutes(50), accessKeyId: "ASIAOLDOLDOLDOLD0001");

        var json = AssertCredentialJson(await Run("--profile", "demo-sso", "--force-refresh"));

        Assert.That(json["AccessKeyId"]!.GetValue<string>(), Is.Not.EqualTo("ASIAOLDOLDOLDOLD0001"));
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
    }

    [Test]
    public async Task Expired_everything_without_a_refresh_token_says_how_to_sign_in()
    {
        SeedToken(TimeSpan.FromMinutes(-5), withRefreshToken: false);

        var run = await Run("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "ssocred: no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
        Assert.That(Fake.Calls("GetRoleCredentials") + Fake.Calls("CreateToken"), Is.Zero);
    }

    [Test]
    public async Task Refused_refresh_falls_through_to_sign_in()
    {
        SeedToken(TimeSpan.FromMinutes(-5));
        Fake.ExpireRefreshTokens();

        var run = await Run("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
        Assert.That(Fake.TokenCalls("refresh_token"), Is.EqualTo(1));
    }

    [Test]
    public async Task No_login_from_the_environment_is_honoured()
    {
        var environment = Environment();
        environment["SSOCRED_NO_LOGIN"] = "1";

        var run = await RunWith(environment, "--profile", "demo-sso");

        AssertFailure(run, 1, "no valid SSO session for 'corp'");
    }

    [Test]
    public async Task A_token_written_by_the_aws_cli_in_the_older_UTC_format_is_used()
    {
        SeedToken(TimeSpan.FromHours(2));
        var token = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
        token["expiresAt"] = DateTimeOffset.UtcNow.AddHours(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        Home.WriteTokenFile(CorpTokenKey, token);

        AssertCredentialJson(await Run("--profile", "demo-sso"));

        Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
        Assert.That(Fake.TokenCalls("refresh_token"), Is.Zero);
    }

    private static JsonObject WithExpiry(JsonObject token, TimeSpan fromNow)
    {
        var copy = token.DeepClone().AsObject();
        copy["expiresAt"] = CliTime(DateTimeOffset.UtcNow + fromNow);
        return copy;
    }
}
