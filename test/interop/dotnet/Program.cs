// Calls sts:GetCallerIdentity with the AWS SDK for .NET exactly as an application would: the
// default credential chain (AWS_PROFILE names the profile), the region from AWS_REGION and the
// endpoint from AWS_ENDPOINT_URL_STS. Prints {"sdk":…,"UserId":…,"Account":…,"Arn":…} on stdout;
// on failure the SDK's error message goes to stderr and the exit code is 1.
using System.Reflection;
using System.Text.Json;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

var sdkVersion = typeof(AmazonSecurityTokenServiceClient).Assembly
    .GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
try
{
    using var sts = new AmazonSecurityTokenServiceClient();
    var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["sdk"] = $"AWSSDK.SecurityToken {sdkVersion}",
        ["UserId"] = identity.UserId,
        ["Account"] = identity.Account,
        ["Arn"] = identity.Arn,
    }));
    return 0;
}
#pragma warning disable CA1031 // Show the person what an unhandled exception would, without the stack trace.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.Error.WriteLine($"{e.GetType().FullName}: {e.Message}");
    return 1;
}
