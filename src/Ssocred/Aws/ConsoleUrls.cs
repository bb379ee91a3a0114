namespace Ssocred.Aws;

/// <summary>
/// Where the console sign-in goes, by partition (from the IAM Identity Center region): the
/// federation endpoint (<c>AWS_ENDPOINT_URL_SIGNIN</c> first, for tests and private set-ups) and
/// the console page opened by default.
/// </summary>
internal static class ConsoleUrls
{
    public const string EndpointVariable = "AWS_ENDPOINT_URL_SIGNIN";

    /// <summary>The federation endpoint, e.g. https://signin.aws.amazon.com/federation.</summary>
    public static Uri FederationEndpoint(string? configured, string ssoRegion) =>
        new($"{(configured is null ? "https://" + Partition(ssoRegion).Signin : configured.TrimEnd('/'))}/federation");

    /// <summary>The console's home; in the profile's region when it has one.</summary>
    public static string DefaultDestination(string ssoRegion, string? profileRegion)
    {
        var console = Partition(ssoRegion).Console;
        if (profileRegion is null)
        {
            return $"https://{console}/";
        }

        var host = console == "console.aws.amazon.com" ? $"{profileRegion}.{console}" : console;
        return $"https://{host}/console/home?region={Uri.EscapeDataString(profileRegion)}";
    }

    private static (string Signin, string Console) Partition(string region) =>
        region.StartsWith("us-gov-", StringComparison.Ordinal) ? ("signin.amazonaws-us-gov.com", "console.amazonaws-us-gov.com")
        : region.StartsWith("cn-", StringComparison.Ordinal) ? ("signin.amazonaws.cn", "console.amazonaws.cn")
        : ("signin.aws.amazon.com", "console.aws.amazon.com");
}
