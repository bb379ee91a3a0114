using System.Text.Json.Nodes;
using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.Interop.Support;

/// <summary>
/// A consumer test: the end-to-end base (a fresh fake and HOME per test) plus a local STS per
/// fixture, a config whose <c>demo</c> profile names the published ssocred, and the checks every
/// consumer must pass.
/// </summary>
internal abstract class InteropTest : EndToEndTest
{
    /// <summary>The consumers' region; the fake's role credentials are not tied to one.</summary>
    protected const string ConsumerRegion = "us-east-1";

    private readonly List<ConsumerRun> _consumerRuns = [];

    protected LocalSts Sts { get; private set; } = null!;

    /// <summary>
    /// SPEC's two-profile layout, as the end-to-end tests write it: <c>demo</c> runs ssocred,
    /// <c>demo-sso</c> holds the sso_* keys; ssocred is named by its absolute path, as installed.
    /// </summary>
    protected static string ConsumerConfig { get; } =
        StandardConfig.Replace("credential_process = ssocred ", $"credential_process = {SsocredExecutable.Path} ", StringComparison.Ordinal);

    [OneTimeSetUp]
    public async Task StartLocalSts() => Sts = await LocalSts.StartAsync();

    [OneTimeTearDown]
    public async Task StopLocalSts()
    {
        if (Sts is not null)
        {
            await Sts.DisposeAsync();
        }
    }

    [SetUp]
    public void WriteConsumerConfig()
    {
        Assert.That(SsocredExecutable.Path, Does.Not.Match(@"\s"), "credential_process lines are split on whitespace");
        Assert.That(ConsumerConfig, Does.Contain(SsocredExecutable.Path), "the demo profile names the published ssocred");
        Home.WriteConfig(ConsumerConfig);
        Sts.ForgetRequests();
    }

    [TearDown]
    public void CheckConsumersLeakedNoSecret()
    {
        foreach (var run in _consumerRuns)
        {
            Assert.That(run.Stderr, Does.Not.Contain(FakeIdentityCenterServer.LeakMarker), $"a secret reached {run.Command}'s stderr");
        }

        _consumerRuns.Clear();
    }

    /// <summary>
    /// What a consumer's process sees: the test HOME and config, the fake for ssocred, the local
    /// STS and a region for the consumer, and nothing else of the machine's AWS settings;
    /// AWS_PROFILE if given.
    /// </summary>
    protected Dictionary<string, string> ConsumerEnvironment(string? awsProfile = null)
    {
        var environment = Environment();
        if (awsProfile is not null)
        {
            environment["AWS_PROFILE"] = awsProfile;
        }

        environment["AWS_ENDPOINT_URL_STS"] = Sts.Endpoint;
        environment["AWS_REGION"] = ConsumerRegion;
        environment["AWS_DEFAULT_REGION"] = ConsumerRegion;
        // A failed credential_process must never make an SDK fall through to 169.254.169.254.
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        // Nobody is there to sign in: fail at once rather than wait for a browser.
        environment["SSOCRED_NO_LOGIN"] = "1";
        environment["AWS_PAGER"] = "";
        return environment;
    }

    protected async Task<ConsumerRun> RunConsumer(Consumer consumer, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var run = await consumer.RunAsync(environment, args);
        Record(consumer, run);
        return run;
    }

    /// <summary>Keeps a run for the leak check, and shows it in the test's output.</summary>
    protected void Record(Consumer consumer, ConsumerRun run)
    {
        _consumerRuns.Add(run);
        TestContext.Out.WriteLine($"{consumer.Name} ({consumer.Version}):\n{run}\n");
    }

    /// <summary>
    /// The consumer's GetCallerIdentity reached the local STS signed with the role credentials the
    /// fake issued: the key id and session token are the ones in the role-credential cache, the
    /// signature verifies with that cache's secret key, and the fake issued that secret and token.
    /// </summary>
    protected void AssertStsSawTheFakesCredentials(ConsumerRun run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(JsonNode.Parse(run.Stdout)?["Arn"]?.GetValue<string>(), Does.StartWith("arn:aws:"), "the consumer printed the identity STS returned");

        var cached = Home.ReadJson(Home.RolePath(CorpAdminRoleKey))?["Credentials"]
            ?? throw new AssertionException("no role credentials were cached for demo-sso");
        var accessKeyId = cached["AccessKeyId"]!.GetValue<string>();
        var secretAccessKey = cached["SecretAccessKey"]!.GetValue<string>();
        var sessionToken = cached["SessionToken"]!.GetValue<string>();
        var calls = Sts.Requests().Where(request => request.Action == "GetCallerIdentity").ToList();

        Assert.That(calls, Is.Not.Empty, "GetCallerIdentity reached the local STS");
        Assert.Multiple(() =>
        {
            Assert.That(Fake.IssuedSecrets, Does.Contain(secretAccessKey), "the fake issued the cached secret key");
            Assert.That(Fake.IssuedSecrets, Does.Contain(sessionToken), "the fake issued the cached session token");
            foreach (var call in calls)
            {
                var signature = SigV4Signature.Parse(call.Header("Authorization") ?? "");
                Assert.That(signature.AccessKeyId, Is.EqualTo(accessKeyId), "signed with the issued access key id");
                Assert.That(call.Header("X-Amz-Security-Token"), Is.EqualTo(sessionToken), "sent the issued session token");
                Assert.That(signature.IsValidFor(call, secretAccessKey), Is.True, "the signature verifies with the issued secret key");
            }
        });
    }

    /// <summary>What ssocred itself prints when it must fail here: run it as the consumers' config does.</summary>
    protected async Task<string> SsocredFailureMessage()
    {
        var run = await RunWith(ConsumerEnvironment(), "--profile", "demo-sso");
        AssertFailure(run, 1, "run: ssocred login");
        return run.Stderr.TrimEnd('\n');
    }

    /// <summary>
    /// The consumer failed, showed the message to the person character for character (ssocred's
    /// dash and quotes intact), and sent nothing to STS without credentials.
    /// </summary>
    protected void AssertShowsMessage(ConsumerRun run, string message)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Stdout + run.Stderr, Does.Contain(message), "the message reaches the person intact");
            Assert.That(Sts.Requests(), Is.Empty, "no call went out without credentials");
        });
    }
}
