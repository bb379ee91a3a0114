using System.Text.Json;

namespace FakeIdentityCenter;

/// <summary>
/// The console's federation endpoint (<c>https://signin.aws.amazon.com/federation</c>), reached
/// through <c>AWS_ENDPOINT_URL_SIGNIN</c>: <c>Action=getSigninToken&amp;Session=…</c> answers
/// <c>{"SigninToken":…}</c> for role credentials the fake issued (400 otherwise), and
/// <c>Action=login</c> is the page a browser opens with that token.
/// </summary>
internal static class FederationEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FakeRuntime fake) =>
        app.MapGet("/federation", context => Wire.Query(context, "Action") switch
        {
            "getSigninToken" => GetSigninTokenAsync(context, fake),
            "login" => LoginAsync(context, fake),
            _ => Wire.WriteHtmlAsync(context, StatusCodes.Status400BadRequest, "Bad request", "<p>Unknown Action.</p>"),
        });

    private static Task GetSigninTokenAsync(HttpContext context, FakeRuntime fake)
    {
        fake.Counters.Count(Operations.GetSigninToken);
        var session = ReadSession(Wire.Query(context, "Session"), fake.Store);
        fake.Federation.Record(session);
        if (fake.Federation.FailWith is { } status)
        {
            return Wire.WriteHtmlAsync(context, status, "Error", "<p>The fake was told to fail.</p>");
        }

        if (!session.Issued)
        {
            // What the real endpoint answers for a session it does not accept.
            return Wire.WriteHtmlAsync(context, StatusCodes.Status400BadRequest, "Bad request", "<p>The session is not valid.</p>");
        }

        var signinToken = fake.Store.RememberSecret(Secrets.NewSigninToken());
        fake.Federation.Issued(signinToken);
        return Wire.WriteRawAsync(context, StatusCodes.Status200OK, Wire.JsonContentType, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["SigninToken"] = signinToken }));
    }

    private static Task LoginAsync(HttpContext context, FakeRuntime fake)
    {
        fake.Counters.Count(Operations.ConsoleLogin);
        var login = fake.Federation.RecordLogin(Wire.Query(context, "Issuer"), Wire.Query(context, "Destination"), Wire.Query(context, "SigninToken"));
        return login.KnownSigninToken
            ? Wire.WriteHtmlAsync(context, StatusCodes.Status200OK, "AWS console (fake)", $"<p>Signed in; going to {Wire.Html(login.Destination)}.</p>")
            : Wire.WriteHtmlAsync(context, StatusCodes.Status400BadRequest, "Bad request", "<p>Unknown sign-in token.</p>");
    }

    private static SigninSession ReadSession(string? json, FakeStore store)
    {
        try
        {
            using var document = JsonDocument.Parse(json ?? string.Empty);
            string? Field(string name) =>
                document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;

            var (id, key, token) = (Field("sessionId"), Field("sessionKey"), Field("sessionToken"));
            return new SigninSession(id, key, token, store.IssuedRoleCredentials(id, key, token));
        }
        catch (JsonException)
        {
            return new SigninSession(null, null, null, Issued: false);
        }
    }
}
