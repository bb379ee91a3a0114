using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §3: a cache file that is corrupt, truncated, of the wrong shape or unreadable counts as
/// absent (a warning where the file system refused, a debug line otherwise), and a valid one in
/// any form the AWS CLI writes is used; times in any RFC 3339 offset mean the instant they name.
/// CredentialProcess/CacheToleranceTests covers 9 broken role files and 5 broken token files;
/// these are the rest: wrong JSON types, encodings, odd and impossible dates, huge (over 1 MiB:
/// never read) and deep files, other portals' tokens, and paths that are folders or unreadable.
/// </summary>
internal sealed class MalformedCacheTests : EndToEndTest
{
    public enum Outcome
    {
        /// <summary>Treated as absent: a token case then asks for a sign-in, a role case fetches.</summary>
        Absent,

        /// <summary>Used as it is: no call for it.</summary>
        Used,

        /// <summary>Understood as expired: the token is refreshed, the credentials fetched.</summary>
        Expired,
    }

    // Before the cases: static fields are initialised in order.
    private static readonly TimeSpan Valid = TimeSpan.FromHours(4);
    private static readonly TimeSpan Expired = TimeSpan.FromMinutes(-1);

    public static readonly CacheCase[] TokenCases =
    [
        new("expiresAt is a boolean", Valid, t => Json(t, "expiresAt", true), Outcome.Absent),
        new("refreshToken is a number", Expired, t => Json(t, "refreshToken", 5), Outcome.Absent),
        new("clientSecret is an object", Expired, t => Json(t, "clientSecret", new JsonObject()), Outcome.Absent),
        new("UTF-8 byte-order mark", Valid, t => [0xEF, 0xBB, 0xBF, .. Bytes(t)], Outcome.Absent),
        new("UTF-16 text", Valid, t => Encoding.Unicode.GetBytes(t.ToJsonString()), Outcome.Absent),
        new("comments in the JSON", Valid, t => Encoding.UTF8.GetBytes("// cached\n" + t.ToJsonString()), Outcome.Absent),
        new("a trailing comma", Valid, t => Encoding.UTF8.GetBytes(t.ToJsonString()[..^1] + ",}"), Outcome.Absent),
        new("nested 1000 deep", Valid, t => Encoding.UTF8.GetBytes(new string('[', 1000) + t.ToJsonString() + new string(']', 1000)), Outcome.Absent),
        new("empty accessToken", Valid, t => Json(t, "accessToken", string.Empty), Outcome.Absent),
        new("another portal's start URL", Valid, t => Json(t, "startUrl", "https://other.awsapps.com/start"), Outcome.Absent),
        new("impossible date", Valid, t => Json(t, "expiresAt", "2099-13-45T99:99:99Z"), Outcome.Absent),
        new("beyond the year 9999 once the offset is applied", Valid, t => Json(t, "expiresAt", "9999-12-31T23:59:59-14:00"), Outcome.Absent),
        new("a bare date", Valid, t => Json(t, "expiresAt", "2099-01-01"), Outcome.Absent),
        new("valid, with a -05:00 offset", Valid, t => Json(t, "expiresAt", At(TimeSpan.FromHours(4), -5)), Outcome.Used),
        new("valid, with fractional seconds and a lower-case t and z", Valid, t => Json(t, "expiresAt", At(TimeSpan.FromHours(4), 0).Replace("T", "t", StringComparison.Ordinal)[..^6] + ".5z"), Outcome.Used),
        new("expired, with a +09:00 offset that looks hours ahead", Expired, t => Json(t, "expiresAt", At(TimeSpan.FromMinutes(-1), 9)), Outcome.Expired),
        new("expired, in the older CLI's UTC form", Expired, t => Json(t, "expiresAt", At(TimeSpan.FromMinutes(-1), 0)[..^6] + "UTC"), Outcome.Expired),
        new("duplicate expiresAt: the last wins, as in Python", Valid, t => Encoding.UTF8.GetBytes(t.ToJsonString()[..^1] + $",\"expiresAt\":\"{At(TimeSpan.FromHours(3), 0)}\"}}"), Outcome.Used),
        new("5 MB: larger than any real entry (1 MiB), so never read (issue 10)", Valid, t => Json(t, "padding", new string('x', 5 << 20)), Outcome.Absent),
        new("a field ssocred does not know holding a lone surrogate, refreshed", Expired, t => Encoding.UTF8.GetBytes(t.ToJsonString()[..^1] + ",\"note\":\"\\ud800\"}"), Outcome.Expired),
    ];

    public static readonly CacheCase[] RoleCases =
    [
        new("valid, Expiration with a -05:00 offset", Valid, r => Credentials(r, "Expiration", At(TimeSpan.FromMinutes(50), -5)), Outcome.Used),
        new("expired, Expiration with a +14:00 offset that looks hours ahead", Valid, r => Credentials(r, "Expiration", At(TimeSpan.FromMinutes(-1), 14)), Outcome.Expired),
        new("inside the margin, with a +01:00 offset", Valid, r => Credentials(r, "Expiration", At(TimeSpan.FromMinutes(10), 1)), Outcome.Expired),
        new("Expiration as epoch milliseconds", Valid, r => Credentials(r, "Expiration", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()), Outcome.Absent),
        new("Credentials null", Valid, r => Json(r, "Credentials", null), Outcome.Absent),
        new("SessionToken missing", Valid, r => Credentials(r, "SessionToken", null), Outcome.Absent),
        new("UTF-8 byte-order mark", Valid, r => [0xEF, 0xBB, 0xBF, .. Bytes(r)], Outcome.Absent),
        new("5 MB: larger than any real entry (1 MiB), so never read (issue 10)", Valid, r => Json(r, "padding", new string('x', 5 << 20)), Outcome.Absent),
        new("a byte that is not UTF-8 inside the secret key", Valid, r => Replace(Bytes(r), "cached_", [0x63, 0xFF, 0x63]), Outcome.Absent),
        new("a byte that is not UTF-8 in a field name ssocred skips", Valid, r => Replace(Bytes(r), "ProviderType", [0x50, 0xF5, 0x50]), Outcome.Absent),
        new("a lone surrogate escape inside the session token", Valid, r => Replace(Bytes(r), "cached_LEAKMARK_session", "\\ud800LEAKMARK_session"u8.ToArray()), Outcome.Absent),
    ];

    [TestCaseSource(nameof(TokenCases))]
    public async Task Token_file(CacheCase file)
    {
        var seeded = SeedToken(file.Lifetime);
        File.WriteAllBytes(Home.TokenPath(CorpTokenKey), file.Content(Home.ReadJson(Home.TokenPath(CorpTokenKey))!));

        var run = await Run("--profile", "demo-sso", "--no-login");

        switch (file.Outcome)
        {
            case Outcome.Absent:
                AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
                Assert.That(Fake.Calls("CreateToken") + Fake.Calls("GetRoleCredentials"), Is.Zero, "nothing read from it");
                break;
            case Outcome.Used:
                AssertCredentialJson(run);
                Assert.That((Fake.TokenCalls("refresh_token"), Fake.Calls("GetRoleCredentials")), Is.EqualTo((0, 1)));
                break;
            case Outcome.Expired:
                AssertCredentialJson(run);
                Assert.That((Fake.TokenCalls("refresh_token"), Fake.Calls("GetRoleCredentials")), Is.EqualTo((1, 1)));
                Assert.That(Home.ReadJson(Home.TokenPath(CorpTokenKey))!["refreshToken"]!.GetValue<string>(), Is.Not.EqualTo(seeded.RefreshToken), "the rotated refresh token was saved");
                break;
        }

        Assert.That(run.Stderr, Does.Not.Contain("warning"), "a file that is merely wrong is worth a debug line, not a warning");
    }

    [TestCaseSource(nameof(RoleCases))]
    public async Task Role_credentials_file(CacheCase file)
    {
        SeedToken(TimeSpan.FromHours(4));
        SeedRoleCredentials(file.Lifetime, accessKeyId: "ASIACACHEDCACHED0001");
        File.WriteAllBytes(Home.RolePath(CorpAdminRoleKey), file.Content(Home.ReadJson(Home.RolePath(CorpAdminRoleKey))!));

        var run = await Run("--profile", "demo-sso");

        var printed = AssertCredentialJson(run)["AccessKeyId"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Is.Empty);
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(file.Outcome == Outcome.Used ? 0 : 1));
            Assert.That(printed == "ASIACACHEDCACHED0001", Is.EqualTo(file.Outcome == Outcome.Used), "the cached key is printed exactly when it is used");
        });
    }

    [TestCase("folder")]
    [TestCase("unreadable")]
    public async Task Token_file_that_cannot_be_read_is_a_warning_naming_it_and_counts_as_absent(string what)
    {
        SeedToken(TimeSpan.FromHours(4));
        MakeUnreadable(Home.TokenPath(CorpTokenKey), what);

        var run = await RunUnprivileged("--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, $"warning: cannot read the cache file {Home.TokenPath(CorpTokenKey)}", "no valid SSO session for 'corp'");
        Assert.That(run.Stderr.Split('\n').Count(line => line.Contains("warning", StringComparison.Ordinal)), Is.EqualTo(1), "said once");
    }

    [TestCase("folder")]
    [TestCase("unreadable")]
    public async Task Role_credentials_file_that_cannot_be_read_is_a_warning_and_credentials_are_fetched(string what)
    {
        SeedToken(TimeSpan.FromHours(4));
        SeedRoleCredentials(TimeSpan.FromHours(1));
        MakeUnreadable(Home.RolePath(CorpAdminRoleKey), what);

        var run = await RunUnprivileged("--profile", "demo-sso");

        AssertCredentialJson(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.StartWith($"ssocred: warning: cannot read the cache file {Home.RolePath(CorpAdminRoleKey)}"));
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(1));
        });
    }

    private static void MakeUnreadable(string path, string how)
    {
        if (how == "folder")
        {
            File.Delete(path);
            Directory.CreateDirectory(path);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }
    }

    /// <summary>A time <paramref name="fromNow"/> away, written with a UTC offset of <paramref name="offsetHours"/>.</summary>
    private static string At(TimeSpan fromNow, int offsetHours) =>
        (DateTimeOffset.UtcNow + fromNow).ToOffset(TimeSpan.FromHours(offsetHours)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static byte[] Json(JsonObject file, string key, JsonNode? value)
    {
        var copy = file.DeepClone().AsObject();
        copy[key] = value;
        return Bytes(copy);
    }

    private static byte[] Credentials(JsonObject file, string key, JsonNode? value)
    {
        var copy = file.DeepClone().AsObject();
        copy["Credentials"]![key] = value;
        return Bytes(copy);
    }

    private static byte[] Bytes(JsonObject file) => Encoding.UTF8.GetBytes(file.ToJsonString());

    /// <summary>The file's bytes with the first <paramref name="text"/> replaced by raw bytes, valid UTF-8 or not.</summary>
    private static byte[] Replace(byte[] file, string text, byte[] with)
    {
        var at = file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        return [.. file[..at], .. with, .. file[(at + text.Length)..]];
    }

    /// <param name="Lifetime">How long the seeded entry has left before <paramref name="Content"/> changes it.</param>
    /// <param name="Content">The file's bytes, from the seeded entry's JSON.</param>
    public sealed record CacheCase(string Name, TimeSpan Lifetime, Func<JsonObject, byte[]> Content, Outcome Outcome)
    {
        public override string ToString() => Name;
    }
}
