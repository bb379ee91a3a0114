using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §5: access tokens, refresh tokens, client secrets, secret keys and session tokens never
/// appear in a log or a message — also where ssocred says the most: at -v, with a log file, on
/// every way it can fail. Every secret the fake issues is unique and carries its marker; the
/// teardown scans each run's stderr and log file for the marker, and each case here also looks
/// for every issued secret whole.
/// </summary>
internal sealed class VerboseSecretsTests : EndToEndTest
{
    public enum Mode
    {
        RefreshFailsWith500,
        RefreshRefused,
        RefreshAnswersBrokenJson,
        RefreshConnectionDropped,
        GetRoleCredentialsFailsWith503,
        GetRoleCredentialsThrottled,
        GetRoleCredentialsAnswersBrokenJson,
        TokenRefusedThenRefreshed,
        SessionRevoked,
        RoleForbidden,
        PortalRefusesConnections,
        TokenFileTruncatedInsideASecret,
        TokenFileWithASecretOfTheWrongType,
        TokenFileWithABrokenLiteralBeforeItsSecrets,
        CacheFolderUnwritable,
        CacheFolderWorldWritable,
        LockHeldLongerThanTheTimeout,
    }

    private const string Refresh = "CreateToken:refresh_token";

    /// <summary>The modes that are a fault on every attempt of one call.</summary>
    private static readonly Dictionary<Mode, (string Operation, FaultKind Kind)> Faults = new()
    {
        [Mode.RefreshFailsWith500] = (Refresh, FaultKind.InternalError500),
        [Mode.RefreshAnswersBrokenJson] = (Refresh, FaultKind.BrokenJson),
        [Mode.RefreshConnectionDropped] = (Refresh, FaultKind.ConnectionReset),
        [Mode.GetRoleCredentialsFailsWith503] = ("GetRoleCredentials", FaultKind.ServiceUnavailable503),
        [Mode.GetRoleCredentialsThrottled] = ("GetRoleCredentials", FaultKind.TooManyRequests429),
        [Mode.GetRoleCredentialsAnswersBrokenJson] = ("GetRoleCredentials", FaultKind.BrokenJson),
    };

    [Test]
    public async Task Nothing_secret_reaches_stderr_or_the_log_file([Values] Mode mode)
    {
        var environment = Environment();
        var args = await ArrangeAsync(mode, environment);
        var logFile = LogFile();

        var run = await RunWith(environment, [.. args, "-v", "--log-file", logFile]);

        var log = File.Exists(logFile) ? File.ReadAllText(logFile) : string.Empty;
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.StartWith("ssocred: "), "ssocred said something to scan");
            foreach (var secret in Fake.IssuedSecrets)
            {
                Assert.That(run.Stderr, Does.Not.Contain(secret), "stderr");
                Assert.That(log, Does.Not.Contain(secret), "log file");
            }

            Assert.That(run.Stderr + log, Does.Not.Contain(FakeIdentityCenterServer.LeakMarker));
        });
        TestContext.Out.WriteLine($"{mode}: exit {run.ExitCode}; scanned {run.Stderr.Length} characters of stderr and {log.Length} of log for {Fake.IssuedSecrets.Count} secrets");
    }

    [Test]
    public async Task Doctor_in_the_same_state_says_nothing_secret([Values] Mode mode)
    {
        var environment = Environment();
        var args = await ArrangeAsync(mode, environment);
        AssertFailureOrCredentials(await RunWith(environment, args));
        var logFile = LogFile();

        var doctor = await RunWith(environment, "doctor", "--profile", "demo-sso", "-v", "--log-file", logFile);

        var log = File.Exists(logFile) ? File.ReadAllText(logFile) : string.Empty;
        Assert.Multiple(() =>
        {
            Assert.That(doctor.Stdout + doctor.Stderr, Is.Not.Empty, "a report (or the one problem that stops it) to scan");
            foreach (var secret in Fake.IssuedSecrets)
            {
                Assert.That(doctor.Stdout + doctor.Stderr + log, Does.Not.Contain(secret));
            }
        });
        TestContext.Out.WriteLine($"{mode}: doctor exit {doctor.ExitCode}; scanned {doctor.Stdout.Length} characters of report");
    }

    /// <summary>The state after a credential request in this mode, as a person running doctor next would find it.</summary>
    private static void AssertFailureOrCredentials(SsocredRun run) =>
        Assert.That(run.ExitCode == 0 ? run.Stdout : run.Stderr, Does.StartWith(run.ExitCode == 0 ? "{" : "ssocred: "));

    private async Task<string[]> ArrangeAsync(Mode mode, Dictionary<string, string> environment)
    {
        string[] profile = ["--profile", "demo-sso"];
        if (Faults.TryGetValue(mode, out var fault))
        {
            SeedToken(fault.Operation == Refresh ? TimeSpan.FromMinutes(-1) : TimeSpan.FromHours(4));
            Fake.InjectFault(fault.Operation, fault.Kind, times: 100);
            return profile;
        }

        switch (mode)
        {
            case Mode.RefreshRefused:
                SeedToken(TimeSpan.FromMinutes(-1));
                Fake.ExpireRefreshTokens();
                return [.. profile, "--no-login"];
            case Mode.TokenRefusedThenRefreshed:
                SeedToken(TimeSpan.FromHours(4));
                Fake.InjectFault("GetRoleCredentials", FaultKind.Unauthorized401, times: 1);
                break;
            case Mode.SessionRevoked:
                Fake.RevokeAccessToken(SeedToken(TimeSpan.FromHours(4)).AccessToken);
                return [.. profile, "--no-login"];
            case Mode.RoleForbidden:
                SeedToken(TimeSpan.FromHours(4));
                return [.. profile, "--role-name", "NotAssigned"];
            case Mode.PortalRefusesConnections:
                SeedToken(TimeSpan.FromHours(4));
                environment["AWS_ENDPOINT_URL_SSO"] = $"http://127.0.0.1:{UnusedPort()}";
                break;
            case Mode.TokenFileTruncatedInsideASecret:
                SeedToken(TimeSpan.FromHours(4));
                var whole = File.ReadAllText(Home.TokenPath(CorpTokenKey));
                File.WriteAllText(Home.TokenPath(CorpTokenKey), whole[..(whole.IndexOf("aoa_", StringComparison.Ordinal) + 20)]);
                return [.. profile, "--no-login"];
            case Mode.TokenFileWithASecretOfTheWrongType:
                var token = SeedToken(TimeSpan.FromMinutes(-1));
                var file = Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
                file["refreshToken"] = new System.Text.Json.Nodes.JsonArray(token.RefreshToken, 1);
                Home.WriteTokenFile(CorpTokenKey, file);
                return [.. profile, "--no-login"];
            case Mode.TokenFileWithABrokenLiteralBeforeItsSecrets:
                SeedToken(TimeSpan.FromHours(4));
                File.WriteAllText(Home.TokenPath(CorpTokenKey), "{\"flag\": tru, " + File.ReadAllText(Home.TokenPath(CorpTokenKey))[1..]);
                return [.. profile, "--no-login"];
            case Mode.CacheFolderUnwritable:
                SeedToken(TimeSpan.FromMinutes(-1));
                Directory.CreateDirectory(Path.Combine(Home.AwsFolder, "cli"));
                File.WriteAllText(Home.RoleCacheFolder, "not a folder");
                break;
            case Mode.CacheFolderWorldWritable:
                SeedToken(TimeSpan.FromMinutes(-1));
                File.SetUnixFileMode(Home.TokenCacheFolder, (UnixFileMode)0b111_111_111);
                break;
            case Mode.LockHeldLongerThanTheTimeout:
                SeedToken(TimeSpan.FromHours(4));
                Fake.InjectFault("GetRoleCredentials", FaultKind.Hang, times: 1);
                await HoldTheRoleLockAsync(environment);
                return [.. profile, "--login-timeout", "1s"];
        }

        return profile;
    }

    /// <summary>Another ssocred that takes the role's lock and hangs in its call until the fake stops.</summary>
    private async Task HoldTheRoleLockAsync(Dictionary<string, string> environment)
    {
        var holder = SsocredProcess.Start(["--profile", "demo-sso"], environment);
        while (Fake.Calls("GetRoleCredentials") == 0)
        {
            await Task.Delay(10);
        }

        _ = Task.Run(async () =>
        {
            using (holder)
            {
                Record(await holder.WaitAsync(), environment, ["--profile", "demo-sso"]);
            }
        });
    }
}
