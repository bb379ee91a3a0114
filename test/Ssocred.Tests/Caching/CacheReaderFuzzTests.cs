using System.Diagnostics;
using System.Text;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Platform;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Caching;

/// <summary>
/// SPEC §3: a cache file that is corrupt, truncated or of the wrong shape is treated as absent,
/// never as a crash. Seeded mutations of valid token, role-credential and registration files go
/// through the readers ssocred uses (FileCacheStore → the typed caches → the domain types),
/// a fixed number of cases (same seed, same cases, a second or two); each must come back as
/// absent or as an entry whose checks all answer, and a token that is read must survive being
/// saved back (as after a refresh) and read again. Nothing the readers log may hold a secret.
/// </summary>
public class CacheReaderFuzzTests
{
    private const int Seed = 20261129;
    private const int Cases = 20_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);

    private static readonly string[] Seeds =
    [
        """{"startUrl":"https://corp.awsapps.com/start","region":"ap-northeast-2","accessToken":"aoa_LEAKMARK_1","expiresAt":"2026-11-28T20:00:00Z","clientId":"client-1","clientSecret":"cs_LEAKMARK_1","registrationExpiresAt":"2027-02-26T12:00:00Z","refreshToken":"rt_LEAKMARK_1","future":{"kept":true}}""",
        """{"ProviderType":"sso","Credentials":{"AccessKeyId":"ASIAAAAAAAAAAAAAAAAA","SecretAccessKey":"sk_LEAKMARK_1","SessionToken":"st_LEAKMARK_1","Expiration":"2026-11-28T13:00:00Z","AccountId":"111122223333"}}""",
        """{"clientId":"client-1","clientSecret":"cs_LEAKMARK_1","expiresAt":"2027-02-26T12:00:00Z","scopes":["sso:account:access"],"grantTypes":["authorization_code","refresh_token"]}""",
    ];

    [Test]
    public void Mutated_cache_files_read_as_an_entry_or_as_absent_never_an_exception()
    {
        using var scratch = new ScratchFolder("ssocred-fuzz-");
        var log = new RecordingLog();
        var files = new PhysicalFileSystem();
        var store = new FileCacheStore(scratch.Path, files, log);
        var stores = new OneFolderStores(store, log);
        var tokens = stores.All[0].Tokens;
        var roles = new JsonEntryCache<CachedRoleCredentials>(store, CacheJsonContext.Default.CachedRoleCredentials, log);
        var registrations = stores.All[0].Registrations;
        var session = new SsoSession("corp", "https://corp.awsapps.com/start", "ap-northeast-2", null, UseDeviceCode: false);
        var sessionTokens = new SessionTokens(stores, new CrossProcessLock(files, TimeProvider.System, log), _ => throw new InvalidOperationException("no calls"), null, new RecordingNotifier(), TimeProvider.System, log);
        var key = CacheKeys.Token(session);
        var readers = new Func<string>[]
        {
            () => TokenRoundTrip(tokens, sessionTokens, session, key),
            () => RoleBothWays(roles, store, key),
            () => registrations.Read(key) is { } registration ? Outcome(registration.IsValidFor(Margin, Now)) : "absent",
        };

        var mutator = new Mutator(Seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Cases; i++)
        {
            var kind = i % Seeds.Length;
            var content = mutator.Mutate(Encoding.UTF8.GetBytes(Seeds[kind]));
            File.WriteAllBytes(store.PathOf(key), content);
            try
            {
                var outcome = $"{Kinds[kind]} {readers[kind]()}";
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
#pragma warning disable CA1031 // Any exception is the finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"case {i}: {e.GetType().Name}: {e.Message}\n  {Convert.ToBase64String(content)}");
            }
        }

        TestContext.Out.WriteLine($"{Cases} mutated cache files (seed {Seed}) in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} exceptions:");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"  {outcome}: {count}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(5)));
            Assert.That(outcomes.Keys, Has.Some.EndsWith(" usable").And.Some.EndsWith(" absent"), "the mutations reach both sides");
            Assert.That(log.Lines, Has.None.Contains("LEAKMARK"), "what the readers log holds no secret");
        });
    }

    private static readonly string[] Kinds = ["token", "role", "registration"];

    /// <summary>
    /// A token file is read as ssocred reads it and asked everything ssocred asks; then, as after
    /// a refresh, saved back (unknown fields and all) and read again: it must come back as usable
    /// as it went. A file without a token or expiry is no token at all (absent).
    /// </summary>
    private static string TokenRoundTrip(TokenCache tokens, SessionTokens sessionTokens, SsoSession session, string key)
    {
        _ = sessionTokens.Read(session);
        if (tokens.Read(key) is not { } token)
        {
            return "absent";
        }

        _ = (token.CanRefresh(Now), token.IsValidFor(Margin, Now));
        sessionTokens.Save(session, token);
        if (tokens.Read(key) is not { } again || again.AccessToken != token.AccessToken || again.RefreshToken != token.RefreshToken
            || again.CanRefresh(Now) != token.CanRefresh(Now))
        {
            throw new InvalidOperationException("a token read from a file does not survive being saved back");
        }

        return Outcome(true);
    }

    /// <summary>
    /// A role-credential file through both readers ssocred has: the warm path's
    /// Utf8JsonReader (RoleCredentialsFile) and the serializer that writes it. A file that is not
    /// UTF-8 is absent to the warm path, as to botocore (the serializer lets a bad byte pass in a
    /// field name it does not know). Otherwise whatever the serializer reads, the warm path reads
    /// the same; the warm path may read more: like botocore, it looks only at the fields it
    /// needs, so a ProviderType or AccountId of another type, which fails the serializer, does
    /// not stop it.
    /// </summary>
    private static string RoleBothWays(JsonEntryCache<CachedRoleCredentials> roles, FileCacheStore store, string key)
    {
        var bytes = File.ReadAllBytes(store.PathOf(key));
        var warm = RoleCredentialsFile.TryParse(bytes);
        var serializer = System.Text.Unicode.Utf8.IsValid(bytes) ? roles.Read(key)?.ToCredentials() : null;
        if (!System.Text.Unicode.Utf8.IsValid(bytes) && warm is not null)
        {
            throw new InvalidOperationException($"the warm path read {warm.AccessKeyId} from a file that is not UTF-8");
        }

        if (serializer is not null && warm != serializer)
        {
            throw new InvalidOperationException($"the warm path read {warm?.AccessKeyId ?? "nothing"}, the serializer {serializer.AccessKeyId}");
        }

        return warm is null ? "absent" : Outcome(warm.IsValidFor(TimeSpan.MinValue, Now));
    }

    private static string Outcome(bool usable) => usable ? "usable" : "read but unusable";
}
