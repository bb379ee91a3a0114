namespace Ssocred.Interop.Support;

/// <summary>
/// Points the AWS CLI v2's own SSO and SSO OIDC clients at the fake. CLI 2.9.19 predates
/// <c>AWS_ENDPOINT_URL_*</c>, but its botocore reads model data from the folders on
/// <c>AWS_DATA_PATH</c> before its own, so an endpoint rule set there that answers "the fake"
/// for every region does it with data alone: no plugin, no patched CLI.
/// </summary>
internal static class AwsCliV2Endpoints
{
    private const string ApiVersion = "2019-06-10";

    /// <summary>Writes the rule sets under <paramref name="folder"/> and returns it, for AWS_DATA_PATH.</summary>
    public static string WriteDataPath(string folder, string endpoint)
    {
        var ruleSet = $$"""
            {
              "version": "1.0",
              "parameters": { "Region": { "builtIn": "AWS::Region", "required": false, "type": "String" } },
              "rules": [ { "conditions": [], "type": "endpoint", "endpoint": { "url": "{{endpoint}}" } } ]
            }
            """;
        foreach (var service in new[] { "sso", "sso-oidc" })
        {
            var versionFolder = Directory.CreateDirectory(Path.Combine(folder, service, ApiVersion)).FullName;
            File.WriteAllText(Path.Combine(versionFolder, "endpoint-rule-set-1.json"), ruleSet);
        }

        return folder;
    }
}
