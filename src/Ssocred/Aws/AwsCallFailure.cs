using System.Net.Sockets;
using System.Text.Json;
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
            AmazonUnmarshallingException => new SsocredException(
                $"{operation} failed: {where} sent an answer that is not the JSON the API defines",
                "try again later; if it persists, check any AWS_ENDPOINT_URL* settings",
                inner: exception),
            AmazonServiceException { ErrorCode: { Length: > 0 } code } service => new SsocredException(
                $"{operation} failed: {code}" + (ServiceMessage(service) is { } message ? $": {message}" : string.Empty),
                HintFor(service.StatusCode),
                inner: exception),
            AmazonServiceException { StatusCode: var status } => new SsocredException(
                $"{operation} failed: {where} answered HTTP {(int)status}",
                HintFor(status),
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

    /// <summary>What to do about an answer that was retried and failed every time.</summary>
    private static string? HintFor(System.Net.HttpStatusCode status) => (int)status switch
    {
        429 => "IAM Identity Center is throttling requests; wait a moment and try again",
        >= 500 => "the service is failing; try again later",
        _ => null,
    };

    /// <summary>
    /// The service's own words. Where the body has no "message" the SDK puts the raw body into
    /// Message; OIDC bodies are OAuth-style, so their error_description is the sentence.
    /// </summary>
    private static string? ServiceMessage(AmazonServiceException service)
    {
        const string BodyMarker = "HTTP Body: ";
        var message = service.Message;
        var body = message?.IndexOf(BodyMarker, StringComparison.Ordinal) ?? -1;
        if (body < 0)
        {
            return string.IsNullOrWhiteSpace(message) ? null : message;
        }

        try
        {
            using var json = JsonDocument.Parse(message![(body + BodyMarker.Length)..]);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && (json.RootElement.TryGetProperty("error_description", out var text) || json.RootElement.TryGetProperty("message", out text))
                   && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
