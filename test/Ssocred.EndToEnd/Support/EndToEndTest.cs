using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeIdentityCenter;

namespace Ssocred.EndToEnd.Support;

/// <summary>
/// One fresh fake IAM Identity Center and one fresh HOME per test. When the test ends, the fake's
/// secret marker is looked for in every run's stderr, in the stdout of every command that prints
/// no secret (all but the credential process and export), in every log file a run's arguments or
/// environment named, and in every file under HOME except the two cache folders (which hold
/// secrets by design).
/// </summary>
internal abstract class EndToEndTest
{
    public const string SessionName = "corp";
    public const string StartUrl = "https://corp.awsapps.com/start";
    public const string Region = "ap-northeast-2";
    public const string AccountId = "111122223333";
    public const string RoleName = "AdministratorAccess";

    // Cache file names computed with botocore (see the issue's test vectors).
    public const string CorpTokenKey = "ee0bfd2552fbd840c02cc48b6e823320543c450f";
    public const string CorpAdminRoleKey = "5811043bbe9834d43b2a849958afa0f2b5f12b4e";

    public const string StandardConfig = $"""
        [profile demo]
        credential_process = ssocred --profile demo-sso

        [profile demo-sso]
        sso_session = {SessionName}
        sso_account_id = {AccountId}
        sso_role_name = {RoleName}

        [sso-session {SessionName}]
        sso_start_url = {StartUrl}
        sso_region = {Region}
        sso_registration_scopes = sso:account:access
        """;

    /// <summary>
    /// What a .NET exception message looks like when its text was trimmed away
    /// (UseSystemResourceKeys): "UnauthorizedAccess_IODenied_Path, /path" instead of a sentence —
    /// capitalised words joined by '_', then ", " (which random base64url text never has).
    /// </summary>
    private const string ResourceKey = @"\b(?=[A-Za-z_]*[a-z])[A-Z][A-Za-z]+(_[A-Z][A-Za-z]+)+(?=, )";

    /// <summary>A legacy profile: start URL and region in the profile, no sso-session.</summary>
    public const string LegacyConfig = $"""
        [profile legacy]
        sso_start_url = {StartUrl}
        sso_region = {Region}
        sso_account_id = {AccountId}
        sso_role_name = {RoleName}
        """;

    // The legacy profile's token file: sha1 of its start URL, as botocore names it.
    public const string LegacyTokenKey = "a51746d4aa793ae07b25e90c3a5db96fc7832bd7";

    /// <summary>Commands whose stdout holds no secret (unlike the credential process and export).</summary>
    private static readonly string[] SecretFreeCommands = ["doctor", "list", "login", "logout", "configure", "serve", "--help", "--version"];

    private readonly List<SsocredRun> _runs = [];
    private readonly List<SsocredRun> _secretFreeStdout = [];
    private readonly List<string> _logFiles = [];

    protected FakeIdentityCenterServer Fake { get; private set; } = null!;

    protected TestHome Home { get; private set; } = null!;

    protected virtual FakeOptions FakeOptions() => new();

    [SetUp]
    public async Task StartFakeAndHome()
    {
        var options = FakeOptions();
        // The fake is the instance of the configured start URL: it refuses a device flow or a
        // token for any other.
        options.StartUrl ??= StartUrl;
        Fake = await FakeIdentityCenterServer.StartAsync(options);
        Home = new TestHome();
        Home.WriteConfig(StandardConfig);
        await SsocredLauncher.EnterHomeAsync(Home);
    }

    [TearDown]
    public async Task CheckNoSecretLeakedAndStop()
    {
        try
        {
            foreach (var run in _runs)
            {
                Assert.That(run.Stderr, Does.Not.Contain(FakeIdentityCenterServer.LeakMarker), "a secret reached stderr");
                Assert.That(run.Stderr, Does.Not.Match(ResourceKey), "a .NET resource key where a sentence should be");
            }

            foreach (var run in _secretFreeStdout)
            {
                Assert.That(run.Stdout, Does.Not.Contain(FakeIdentityCenterServer.LeakMarker), "a secret reached the stdout of a command that prints none");
            }

            foreach (var file in _logFiles.Concat(Home.FilesOutsideCaches()).Distinct())
            {
                if (TestHome.TryReadText(file) is { } text)
                {
                    Assert.That(text, Does.Not.Contain(FakeIdentityCenterServer.LeakMarker), $"a secret reached the file {file}");
                }
            }
        }
        finally
        {
            _runs.Clear();
            _secretFreeStdout.Clear();
            _logFiles.Clear();
            await Fake.DisposeAsync();
            Home.Dispose();
            SsocredLauncher.LeaveHome();
        }
    }

    protected Dictionary<string, string> Environment() => SsocredProcess.BaseEnvironment(Home, Fake.BaseUrl);

    protected Task<SsocredRun> Run(params string[] args) => RunWith(Environment(), args);

    protected async Task<SsocredRun> RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var run = await SsocredProcess.RunAsync(args, environment);
        Record(run, environment, args);
        return run;
    }

    /// <summary>
    /// Puts a run (however it was started) under the leak check: its stderr, its stdout where the
    /// command prints no secret, and any log file its arguments or environment name, wherever
    /// that file is.
    /// </summary>
    protected void Record(SsocredRun run, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> args)
    {
        lock (_runs)
        {
            _runs.Add(run);
            if (args.Count > 0 && SecretFreeCommands.Contains(args[0]))
            {
                _secretFreeStdout.Add(run);
            }

            var flag = args.ToList().IndexOf("--log-file");
            if (flag >= 0 && flag + 1 < args.Count)
            {
                _logFiles.Add(args[flag + 1]);
            }

            if (environment.TryGetValue("SSOCRED_LOG_FILE", out var logFile))
            {
                _logFiles.Add(logFile);
            }
        }
    }

    /// <summary>Runs many at once, as many SDK clients starting together would.</summary>
    protected async Task<SsocredRun[]> RunConcurrently(int count, params string[] args)
    {
        var environment = Environment();
        var runs = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => RunWith(environment, args))));
        return runs;
    }

    /// <summary>
    /// Runs ssocred as a user without root's power to read any file (CAP_DAC_OVERRIDE and
    /// CAP_DAC_READ_SEARCH dropped), so a file of mode 000 is unreadable to it; a plain run when
    /// the tests do not run as root.
    /// </summary>
    protected async Task<SsocredRun> RunUnprivileged(params string[] args)
    {
        if (System.Environment.UserName != "root")
        {
            return await Run(args);
        }

        var environment = Environment();
        var run = await SsocredProcess.RunAsync(["--bounding-set=-dac_override,-dac_read_search", SsocredExecutable.Path, .. args], environment, executable: "setpriv");
        Record(run, environment, args);
        return run;
    }

    /// <summary>A word for sh, in single quotes.</summary>
    protected static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A local port nothing listens on: connections to it are refused.</summary>
    protected static int UnusedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A log file whose content the leak check covers.</summary>
    protected string LogFile()
    {
        var path = Path.Combine(Home.Root, $"ssocred-{_logFiles.Count}.log");
        _logFiles.Add(path);
        return path;
    }

    /// <summary>
    /// A signed-in session as `aws sso login` leaves it: a client registration and a token
    /// issued by the fake, written to the token cache in the AWS CLI v2's format.
    /// </summary>
    /// <param name="fake">The fake that issues it, when not the test's own.</param>
    protected IssuedToken SeedToken(TimeSpan lifetime, bool withRefreshToken = true, string key = CorpTokenKey, FakeIdentityCenterServer? fake = null)
    {
        fake ??= Fake;
        var client = fake.RegisterClient(["authorization_code", "refresh_token"], ["sso:account:access"], StartUrl);
        var token = fake.IssueToken(client.ClientId, TimeSpan.FromHours(8), withRefreshToken);
        var file = new JsonObject
        {
            ["startUrl"] = StartUrl,
            ["region"] = Region,
            ["accessToken"] = token.AccessToken,
            ["expiresAt"] = CliTime(DateTimeOffset.UtcNow + lifetime),
            ["clientId"] = client.ClientId,
            ["clientSecret"] = client.ClientSecret,
            ["registrationExpiresAt"] = CliTime(client.ExpiresAt),
        };
        if (token.RefreshToken is not null)
        {
            file["refreshToken"] = token.RefreshToken;
        }

        Home.WriteTokenFile(key, file);
        return token;
    }

    /// <summary>Role credentials in botocore's cache shape.</summary>
    protected void SeedRoleCredentials(TimeSpan lifetime, string accessKeyId = "ASIACACHEDCACHED0001", string key = CorpAdminRoleKey) =>
        Home.WriteRoleFile(key, new JsonObject
        {
            ["ProviderType"] = "sso",
            ["Credentials"] = new JsonObject
            {
                ["AccessKeyId"] = accessKeyId,
                ["SecretAccessKey"] = "cached_LEAKMARK_secret_access_key",
                ["SessionToken"] = "cached_LEAKMARK_session_token",
                ["Expiration"] = CliTime(DateTimeOffset.UtcNow + lifetime),
                ["AccountId"] = AccountId,
            },
        });

    public static string CliTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>stdout is exactly one credential-process object of the documented shape.</summary>
    protected static JsonObject AssertCredentialJson(SsocredRun run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var json = JsonNode.Parse(run.Stdout)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration" }));
            Assert.That(json["Version"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(json["AccessKeyId"]!.GetValue<string>(), Does.StartWith("ASIA"));
            Assert.That(json["Expiration"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(run.Stdout.TrimEnd('\n'), Does.Not.Contain("\n"), "one line");
        });
        return json;
    }

    /// <summary>A failure: the exit code, one "ssocred: " message, and nothing on stdout.</summary>
    protected static void AssertFailure(SsocredRun run, int exitCode, params string[] messageParts)
    {
        TestContext.Out.WriteLine($"exit {run.ExitCode}: {run.Stderr.TrimEnd()}");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
            Assert.That(run.Stdout, Is.Empty, "stdout must stay empty on failure");
            Assert.That(run.Stderr, Does.StartWith("ssocred: "), run.ToString());
            Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace");
            foreach (var part in messageParts)
            {
                Assert.That(run.Stderr, Does.Contain(part));
            }
        });
    }

    protected static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    protected static JsonObject ParseJson(string text) => JsonSerializer.Deserialize<JsonObject>(text)!;
}
