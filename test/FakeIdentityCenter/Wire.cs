using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FakeIdentityCenter;

/// <summary>Reading requests and writing answers the way the restJson1 services do.</summary>
internal static class Wire
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string BearerHeader = "x-amz-sso_bearer_token";
    public const string JsonContentType = "application/json";

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads the JSON body; an empty body is an empty object; malformed JSON is InvalidRequestException.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpContext context)
        where T : new()
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), SerializerOptions) ?? new T();
        }
        catch (JsonException)
        {
            throw new ApiErrorException(OidcErrors.InvalidRequest, "Malformed JSON request body");
        }
    }

    public static Task WriteJsonAsync<T>(HttpContext context, T body, int status = StatusCodes.Status200OK)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, SerializerOptions);
        return WriteRawAsync(context, status, JsonContentType, bytes);
    }

    /// <summary>An empty 200, as Logout answers.</summary>
    public static Task WriteEmptyAsync(HttpContext context)
    {
        StartResponse(context, StatusCodes.Status200OK);
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error, string message)
    {
        context.Response.Headers[ErrorTypeHeader] = error.HeaderValue;
        object body = error.OAuthCode is { } code
            ? new OidcErrorBody { Error = code, ErrorDescription = message }
            : new PortalErrorBody { Message = message };
        return WriteJsonAsync(context, body, error.Status);
    }

    public static Task WriteRawAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        StartResponse(context, status);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static Task WriteHtmlAsync(HttpContext context, int status, string title, string bodyHtml)
    {
        var page = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            {bodyHtml}
            <p style="color: #888">Fake IAM Identity Center</p>
            </body></html>
            """;
        return WriteRawAsync(context, status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(page));
    }

    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>The base URL as the caller reached us, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    public static string? Query(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    private static void StartResponse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers[RequestIdHeader] = Secrets.NewRequestId();
    }
}
