using Ssocred.Interop.Support;

namespace Ssocred.Interop.Consumers;

/// <summary>
/// One way a real consumer is pointed at the <c>demo</c> profile (whose credential_process is
/// ssocred) to call GetCallerIdentity: the program, its arguments (given the local STS endpoint)
/// and AWS_PROFILE if that is how it is told. <paramref name="OwnFailureSummary"/> is set for a
/// consumer that, when ssocred fails, shows only a summary of its own instead of ssocred's message.
/// </summary>
internal sealed record ConsumerCall(
    string Description,
    Func<Consumer> Find,
    Func<string, string[]> Arguments,
    string? AwsProfile = null,
    string? OwnFailureSummary = null);

/// <summary>Every consumer of the issue, each as an application or a person would use it.</summary>
internal static class ConsumerCalls
{
    public static IEnumerable<TestCaseData> All()
    {
        yield return Case(new("AWS SDK for .NET, default chain, AWS_PROFILE=demo", () => Installed.DotnetSdk, _ => [], AwsProfile: "demo"));
        yield return Case(new("boto3, default session, AWS_PROFILE=demo", () => Installed.Boto3, _ => [], AwsProfile: "demo"));
        yield return Case(new("AWS CLI v1, --profile demo", () => Installed.AwsCliV1, GetCallerIdentityCommand));
        yield return Case(new("AWS CLI v2, --profile demo", () => Installed.AwsCliV2, GetCallerIdentityCommand));
        yield return Case(new("AWS SDK for JavaScript v3, fromIni demo", () => Installed.JavaScriptSdk, _ => ["--from-ini", "demo"]));
        // The default chain moves on after any provider's error and ends with its own summary, so
        // ssocred's message (like every other provider's) is lost: the SDK's doing. fromIni shows it.
        yield return Case(new("AWS SDK for JavaScript v3, default chain, AWS_PROFILE=demo", () => Installed.JavaScriptSdk, _ => [], AwsProfile: "demo",
            OwnFailureSummary: "Could not load credentials from any providers"));
        yield return Case(new("AWS SDK for Go v2, WithSharedConfigProfile demo", () => Installed.GoSdk, _ => ["-profile", "demo"]));
    }

    private static string[] GetCallerIdentityCommand(string stsEndpoint) =>
        ["sts", "get-caller-identity", "--profile", "demo", "--endpoint-url", stsEndpoint];

    private static TestCaseData Case(ConsumerCall call) => new TestCaseData(call).SetArgDisplayNames(call.Description);
}
