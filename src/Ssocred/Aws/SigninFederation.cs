using System.Net;
using System.Text.Json;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Output;
using Ssocred.Platform;

namespace Ssocred.Aws;

/// <summary>
/// The console's federation endpoint, which no AWS SDK has a client for: getSigninToken trades
/// the role's credentials for a sign-in token, and the login URL carries that token to the
/// console. Both URLs are secrets (they sign anyone in as the role): they are returned as
/// <see cref="Secret"/>, and no message or log line ever holds them.
/// </summary>
internal sealed class SigninFederation(Uri endpoint, ILog log) : IDisposable
{
    public const string Issuer = "ssocred";

    private static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(55);

    private readonly HttpClient _http = CreateClient();

    public async Task<Secret> GetSigninTokenAsync(RoleCredentials credentials, CancellationToken cancellationToken)
    {
        var session = JsonText.Object(
            ("sessionId", credentials.AccessKeyId),
            ("sessionKey", credentials.SecretAccessKey.Reveal()),
            ("sessionToken", credentials.SessionToken.Reveal()));
        var request = new Uri($"{endpoint}?Action=getSigninToken&Session={Uri.EscapeDataString(session)}");

        log.Debug("getSigninToken at {Host} for the credentials {AccessKeyId}", endpoint.Authority, credentials.AccessKeyId);
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SsocredException($"the console sign-in endpoint {endpoint.Authority} cannot be reached: {e.Message}", $"check the network, or {ConsoleUrls.EndpointVariable}", inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SsocredException($"the console sign-in endpoint {endpoint.Authority} did not answer within {CallBudget.TotalSeconds:0} s", "check the network, then try again", inner: e);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new SsocredException(
                    $"the console sign-in endpoint {endpoint.Authority} answered {(int)response.StatusCode} {response.ReasonPhrase} to getSigninToken",
                    "try again; if it persists, check that the role may use the console");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return ReadSigninToken(body) ?? throw new SsocredException(
                $"the console sign-in endpoint {endpoint.Authority} answered without a SigninToken",
                $"check {ConsoleUrls.EndpointVariable} if it is set");
        }
    }

    /// <summary>The URL that signs the browser in to the console and goes on to the destination.</summary>
    public Secret LoginUrl(Secret signinToken, string destination) =>
        new($"{endpoint}?Action=login&Issuer={Issuer}&Destination={Uri.EscapeDataString(destination)}&SigninToken={Uri.EscapeDataString(signinToken.Reveal())}");

    public void Dispose() => _http.Dispose();

    /// <summary>Trusting roots as the AWS clients do (<see cref="TlsTrust"/>), with the same bounds on a call.</summary>
    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) };
        TlsTrust.ForThisProcess()?.ApplyTo(handler.SslOptions);
        return new HttpClient(handler) { Timeout = CallBudget };
    }

    private static Secret? ReadSigninToken(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isToken = reader.ValueTextEquals("SigninToken"u8);
                reader.Read();
                if (isToken && reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } token)
                {
                    return new Secret(token);
                }

                reader.Skip();
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
