using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Ssocred.Aws;

namespace Ssocred.Tests.Aws;

/// <summary>
/// What a person reads when an AWS call fails: the operation, the service's own words or what
/// went wrong on the way, and a hint where there is something to do.
/// </summary>
public class AwsCallFailureTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:8400/some/path");

    [Test]
    public void Service_error_names_its_code_and_the_services_message()
    {
        var failure = AwsCallFailure.Describe("GetRoleCredentials", null, Service("ForbiddenException", "No access", HttpStatusCode.Forbidden));

        Assert.Multiple(() =>
        {
            Assert.That(failure.Message, Is.EqualTo("GetRoleCredentials failed: ForbiddenException: No access"));
            Assert.That(failure.Hint, Is.Null);
        });
    }

    [Test]
    public void Oauth_style_body_gives_its_error_description()
    {
        var body = "Error unmarshalling response back from AWS. HTTP Body: {\"error\":\"invalid_request\",\"error_description\":\"The scope is not allowed\"}";

        var failure = AwsCallFailure.Describe("RegisterClient", Endpoint, Service("InvalidRequestException", body, HttpStatusCode.BadRequest));

        Assert.That(failure.Message, Is.EqualTo("RegisterClient failed: InvalidRequestException: The scope is not allowed"));
    }

    [Test]
    public void Body_that_is_not_json_is_left_out()
    {
        var failure = AwsCallFailure.Describe("RegisterClient", Endpoint, Service("InvalidRequestException", "HTTP Body: <html>oops", HttpStatusCode.BadRequest));

        Assert.That(failure.Message, Is.EqualTo("RegisterClient failed: InvalidRequestException"));
    }

    [TestCase(429, "throttling")]
    [TestCase(500, "try again later")]
    [TestCase(503, "try again later")]
    public void Throttling_and_server_errors_carry_a_hint(int status, string hint)
    {
        var failure = AwsCallFailure.Describe("ListAccounts", Endpoint, Service("SomeError", "text", (HttpStatusCode)status));

        Assert.That(failure.Hint, Does.Contain(hint));
    }

    [Test]
    public void Answer_without_an_error_code_names_the_endpoint_and_the_status()
    {
        var failure = AwsCallFailure.Describe("ListAccounts", Endpoint, Service(string.Empty, string.Empty, HttpStatusCode.BadGateway));

        Assert.That(failure.Message, Is.EqualTo("ListAccounts failed: IAM Identity Center at http://127.0.0.1:8400 answered HTTP 502"));
    }

    [Test]
    public void Timeout_says_nothing_answered_in_time()
    {
        var failure = AwsCallFailure.Describe("CreateToken", null, new TaskCanceledException());

        Assert.Multiple(() =>
        {
            Assert.That(failure.Message, Is.EqualTo("CreateToken failed: IAM Identity Center did not answer in time"));
            Assert.That(failure.Hint, Does.Contain("network connection"));
        });
    }

    [Test]
    public void Refused_connection_found_inside_the_sdks_exception_says_cannot_connect()
    {
        var refused = new SocketException((int)SocketError.ConnectionRefused);
        var wrapped = new AmazonClientException("request failed", new HttpRequestException("connect failed", refused));

        var failure = AwsCallFailure.Describe("GetRoleCredentials", Endpoint, wrapped);

        Assert.Multiple(() =>
        {
            Assert.That(failure.Message, Does.StartWith("GetRoleCredentials failed: cannot connect to IAM Identity Center at http://127.0.0.1:8400 ("));
            Assert.That(failure.InnerException, Is.SameAs(wrapped), "the cause is kept for -v");
        });
    }

    [Test]
    public void Anything_else_keeps_its_message()
    {
        var failure = AwsCallFailure.Describe("Logout", Endpoint, new InvalidOperationException("odd"));

        Assert.That(failure.Message, Is.EqualTo("Logout failed: IAM Identity Center at http://127.0.0.1:8400: odd"));
    }

    private static AmazonServiceException Service(string code, string message, HttpStatusCode status) =>
        new(message, null, ErrorType.Sender, code, "request-id", status);
}
