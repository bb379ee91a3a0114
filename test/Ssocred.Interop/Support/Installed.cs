using System.Reflection;
using Ssocred.EndToEnd.Support;

namespace Ssocred.Interop.Support;

/// <summary>A consumer ready to run: its program and the arguments that come before a test's own.</summary>
internal sealed record Consumer(string Name, string Version, string Executable, IReadOnlyList<string> Prefix)
{
    public ConsumerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ConsumerProcess.Start(Executable, [.. Prefix, .. args], environment);

    public Task<ConsumerRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ConsumerProcess.RunAsync(Executable, [.. Prefix, .. args], environment);
}

/// <summary>
/// Where each real consumer lives on this machine, found once per test run. A consumer that is not
/// installed is a <see cref="MissingTool"/>: skipped loudly on a developer's machine, a failure in CI.
/// </summary>
internal static class Installed
{
    private const string GoSdkSource = "/usr/share/gocode/src/github.com/aws/aws-sdk-go-v2";
    private const string AwsCliV2Path = "/usr/bin/aws";

    private static readonly string Programs = Path.Combine(SsocredExecutable.RepositoryRoot, "test", "interop");

    private static readonly Lazy<Lookup> DotnetSdkLookup = new(FindDotnetSdk);
    private static readonly Lazy<Lookup> Boto3Lookup = new(FindBoto3);
    private static readonly Lazy<Lookup> AwsCliV1Lookup = new(FindAwsCliV1);
    private static readonly Lazy<Lookup> AwsCliV2Lookup = new(FindAwsCliV2);
    private static readonly Lazy<Lookup> JavaScriptSdkLookup = new(FindJavaScriptSdk);
    private static readonly Lazy<Lookup> GoSdkLookup = new(BuildGoProgram);

    /// <summary>AWSSDK.SecurityToken in test/interop/dotnet, built with this test project.</summary>
    public static Consumer DotnetSdk => DotnetSdkLookup.Value.Consumer;

    /// <summary>boto3 running test/interop/python/get_caller_identity.py.</summary>
    public static Consumer Boto3 => Boto3Lookup.Value.Consumer;

    /// <summary>The first <c>aws</c> on PATH that is a v1 (Python's awscli package).</summary>
    public static Consumer AwsCliV1 => AwsCliV1Lookup.Value.Consumer;

    /// <summary>Debian's awscli package, always by its full path: the <c>aws</c> first on PATH may be a v1.</summary>
    public static Consumer AwsCliV2 => AwsCliV2Lookup.Value.Consumer;

    /// <summary>@aws-sdk/client-sts as pinned in test/interop/js, running get-caller-identity.mjs.</summary>
    public static Consumer JavaScriptSdk => JavaScriptSdkLookup.Value.Consumer;

    /// <summary>test/interop/go built in GOPATH mode against Debian's aws-sdk-go-v2.</summary>
    public static Consumer GoSdk => GoSdkLookup.Value.Consumer;

    private static Lookup FindDotnetSdk()
    {
        var program = typeof(Installed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "DotnetConsumer").Value!;
        if (ExecutableSearch.OnPath("dotnet") is not { } dotnet || !File.Exists(program))
        {
            return Lookup.Missing($"the .NET consumer is not built at {program} (it builds with this test project)");
        }

        // The version restored, as the consumer's dependency manifest records it.
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(program, ".deps.json")))!;
        var package = manifest["libraries"]!.AsObject().Select(p => p.Key).First(name => name.StartsWith("AWSSDK.SecurityToken/", StringComparison.Ordinal));
        return Lookup.Found(new Consumer("AWS SDK for .NET", package.Replace('/', ' '), dotnet, [program]));
    }

    private static Lookup FindBoto3()
    {
        if (ExecutableSearch.OnPath("python3") is not { } python
            || Probe(python, "-c", "import boto3, botocore; print('boto3', boto3.__version__, 'botocore', botocore.__version__)") is not { } version)
        {
            return Lookup.Missing("python3 with boto3 is not on PATH (it is preinstalled on this machine type; pip cannot reach its index here)");
        }

        return Lookup.Found(new Consumer("boto3", version, python, [Path.Combine(Programs, "python", "get_caller_identity.py")]));
    }

    private static Lookup FindAwsCliV1()
    {
        foreach (var aws in ExecutableSearch.AllOnPath("aws"))
        {
            if (Probe(aws, "--version") is { } version && version.StartsWith("aws-cli/1.", StringComparison.Ordinal))
            {
                return Lookup.Found(new Consumer("AWS CLI v1", version, aws, []));
            }
        }

        return Lookup.Missing("no AWS CLI v1 ('aws' printing aws-cli/1.*) on PATH (it is preinstalled with Python on this machine type)");
    }

    private static Lookup FindAwsCliV2() =>
        Probe(AwsCliV2Path, "--version") is { } version && version.StartsWith("aws-cli/2.", StringComparison.Ordinal)
            ? Lookup.Found(new Consumer("AWS CLI v2", version, AwsCliV2Path, []))
            : Lookup.Missing($"no AWS CLI v2 at {AwsCliV2Path} (Debian's awscli package)");

    private static Lookup FindJavaScriptSdk()
    {
        var folder = Path.Combine(Programs, "js");
        var package = Path.Combine(folder, "node_modules", "@aws-sdk", "client-sts", "package.json");
        if (ExecutableSearch.OnPath("node") is not { } node || !File.Exists(package))
        {
            return Lookup.Missing($"node or the pinned @aws-sdk packages are missing (no {package}; npm ci in {folder})");
        }

        var version = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(package))!["version"]!.GetValue<string>();
        return Lookup.Found(new Consumer("AWS SDK for JavaScript v3", $"@aws-sdk/client-sts {version}", node, [Path.Combine(folder, "get-caller-identity.mjs")]));
    }

    private static Lookup BuildGoProgram()
    {
        if (ExecutableSearch.OnPath("go") is not { } go || !Directory.Exists(Path.Combine(GoSdkSource, "config")))
        {
            return Lookup.Missing($"go or the AWS SDK for Go v2 sources ({GoSdkSource}; Debian's golang-go and golang-github-aws-aws-sdk-go-v2-dev) are missing");
        }

        // GOPATH mode against Debian's sources: no module download, as on any machine without a proxy.
        var folder = Path.Combine(AppContext.BaseDirectory, "go-consumer");
        var output = Path.Combine(folder, "get-caller-identity");
        var environment = InheritedEnvironment();
        environment["GO111MODULE"] = "off";
        environment["GOPATH"] = "/usr/share/gocode";
        environment["GOFLAGS"] = "";
        environment["GOCACHE"] = Path.Combine(folder, "cache");
        var build = ConsumerProcess.RunAsync(go, ["build", "-o", output, Path.Combine(Programs, "go", "get_caller_identity.go")], environment)
            .GetAwaiter().GetResult();
        if (build.ExitCode != 0)
        {
            return Lookup.Broken($"the Go consumer does not build:\n{build}");
        }

        var version = File.ReadAllText(Path.Combine(GoSdkSource, "aws", "go_module_metadata.go")).Split('"')[1];
        return Lookup.Found(new Consumer("AWS SDK for Go v2", $"aws-sdk-go-v2 {version}", output, []));
    }

    /// <summary>The first line a program prints, or null when it is absent or fails.</summary>
    private static string? Probe(string executable, params string[] args)
    {
        if (!ExecutableSearch.IsExecutable(executable))
        {
            return null;
        }

        var run = ConsumerProcess.RunAsync(executable, args, InheritedEnvironment()).GetAwaiter().GetResult();
        return run.ExitCode == 0 ? (run.Stdout + run.Stderr).Split('\n')[0].Trim() : null;
    }

    private static Dictionary<string, string> InheritedEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    /// <summary>A consumer found, or why not: missing (<see cref="MissingTool"/>: a skip, a failure in CI) or broken (a failure).</summary>
    private sealed class Lookup
    {
        private readonly Consumer? _consumer;
        private readonly Func<Exception>? _problem;

        private Lookup(Consumer? consumer, Func<Exception>? problem)
        {
            _consumer = consumer;
            _problem = problem;
        }

        public Consumer Consumer => _consumer ?? throw _problem!();

        public static Lookup Found(Consumer consumer) => new(consumer, null);

        public static Lookup Missing(string reason) => new(null, () => MissingTool.Of(reason));

        public static Lookup Broken(string reason) => new(null, () => new AssertionException(reason));
    }
}
