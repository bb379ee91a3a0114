using System.Text;

namespace Ssocred.Serving;

/// <summary>An answer of the local server: a status, a JSON (or empty) body, and whether the connection may stay open.</summary>
internal sealed record HttpResponse(int Status, byte[] Body, bool Close = false, string? Allow = null)
{
    public static HttpResponse Json(int status, byte[] body) => new(status, body);

    /// <summary>A refusal: a small JSON error (never credentials), and the connection closed.</summary>
    public static HttpResponse Error(int status, string code, string message) =>
        new(status, ErrorJson.Render(code, message), Close: true);

    /// <summary>Status line, headers and body in one buffer: one write, so no Nagle delay between them.</summary>
    public byte[] Render(bool keepAlive)
    {
        var head = new StringBuilder(160)
            .Append("HTTP/1.1 ").Append(Status).Append(' ').Append(Reason(Status)).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(Body.Length).Append("\r\n")
            // The body may hold credentials: no cache anywhere may keep it.
            .Append("Cache-Control: no-store\r\n");
        if (Allow is not null)
        {
            head.Append("Allow: ").Append(Allow).Append("\r\n");
        }

        head.Append(keepAlive && !Close ? string.Empty : "Connection: close\r\n").Append("\r\n");
        var bytes = new byte[Encoding.ASCII.GetByteCount(head.ToString()) + Body.Length];
        var written = Encoding.ASCII.GetBytes(head.ToString(), bytes);
        Body.CopyTo(bytes, written);
        return bytes;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    };
}
