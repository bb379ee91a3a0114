using System.Net.Sockets;
using Amazon.Runtime;
using Ssocred.Errors;

namespace Ssocred.Aws;

/// <summary>Turns what the SDK throws for a failed call into a message for a person.</summary>
internal static class AwsCallFailure
{
    public static SsocredException Describe(string operation, Uri? endpoint, Exception exception)
    {
        var where = endpoint is null ? "IAM Identity Center" : $"IAM Identity Center at {endpoint.GetLeftPart(UriPartial.Authority)}";
        return exception switch
        {
            AmazonServiceException { ErrorCode: { Length: > 0 } code } service => new SsocredException(
                $"{operation} failed: {code}" + (string.IsNullOrWhiteSpace(service.Message) ? string.Empty : $": {service.Message}"),
                (int)service.StatusCode >= 500 ? "the service is failing; try again later" : null,
                inner: exception),
            AmazonServiceException { StatusCode: var status } => new SsocredException(
                $"{operation} failed: {where} answered HTTP {(int)status}",
                (int)status >= 500 ? "the service is failing; try again later" : null,
                inner: exception),
            OperationCanceledException or TimeoutException => new SsocredException(
                $"{operation} failed: {where} did not answer in time",
                "check your network connection and any AWS_ENDPOINT_URL* settings",
                inner: exception),
            _ when Find<SocketException>(exception) is { } socket => new SsocredException(
                $"{operation} failed: cannot connect to {where} ({socket.Message})",
                "check your network connection and any AWS_ENDPOINT_URL* settings",
                inner: exception),
            _ => new SsocredException(
                $"{operation} failed: {where}: {exception.Message}",
                "check your network connection and any AWS_ENDPOINT_URL* settings",
                inner: exception),
        };
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
