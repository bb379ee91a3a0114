using System.Text;

namespace Ssocred.Serving;

/// <summary>A request head this server refuses, and the status that says why.</summary>
internal sealed class BadRequestException(int status, string reason) : Exception(reason)
{
    public int Status { get; } = status;
}

/// <summary>
/// A strict parser of HTTP/1.x request heads (RFC 9112), for the few programs that ask a local
/// credential endpoint: SDKs send plain, well-formed heads, so anything unusual is refused
/// rather than guessed at — bare LF line ends, folded header lines, whitespace before a colon,
/// control characters, absolute or asterisk targets, two Host or Content-Length headers, both
/// Content-Length and Transfer-Encoding. What it accepts, every proxy and client would read the
/// same way.
/// </summary>
internal static class HttpHeadParser
{
    /// <summary>The longest head accepted, request line and headers together.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    public const int MaxHeaders = 64;

    /// <summary>Where the head ends (the index after its blank line), or -1 while it is incomplete.</summary>
    public static int FindEnd(ReadOnlySpan<byte> received)
    {
        var at = received.IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }

    /// <summary>Parses a whole head, blank line included.</summary>
    /// <exception cref="BadRequestException">The head is not one this server accepts.</exception>
    public static HttpRequestHead Parse(ReadOnlySpan<byte> head)
    {
        if (head.Length > MaxHeadBytes)
        {
            throw new BadRequestException(431, "the request head is too long");
        }

        if (!head.EndsWith("\r\n\r\n"u8))
        {
            throw new BadRequestException(400, "the request head does not end with a blank line");
        }

        var lineEnd = head.IndexOf("\r\n"u8);
        var (method, target, isHttp11) = ParseRequestLine(head[..lineEnd]);
        var headers = new List<KeyValuePair<string, string>>();
        var rest = head[(lineEnd + 2)..^2]; // the header lines, each ending CRLF
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            headers.Add(ParseHeaderLine(rest[..lineEnd]));
            if (headers.Count > MaxHeaders)
            {
                throw new BadRequestException(431, "too many header lines");
            }

            rest = rest[(lineEnd + 2)..];
        }

        var request = new HttpRequestHead(method, target, isHttp11, headers);
        CheckFraming(request);
        return request;
    }

    private static (string Method, string Target, bool IsHttp11) ParseRequestLine(ReadOnlySpan<byte> line)
    {
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace == firstSpace)
        {
            throw new BadRequestException(400, "the request line is not 'METHOD TARGET HTTP/1.1'");
        }

        var method = line[..firstSpace];
        var target = line[(firstSpace + 1)..lastSpace];
        var version = line[(lastSpace + 1)..];
        if (!IsToken(method))
        {
            throw new BadRequestException(400, "the method is not a token");
        }

        if (target.IsEmpty || target[0] != (byte)'/' || target.ContainsAnyExceptInRange((byte)'!', (byte)'~'))
        {
            throw new BadRequestException(400, "the target is not a path");
        }

        var isHttp11 = version.SequenceEqual("HTTP/1.1"u8);
        if (!isHttp11 && !version.SequenceEqual("HTTP/1.0"u8))
        {
            throw new BadRequestException(version.StartsWith("HTTP/"u8) ? 505 : 400, "only HTTP/1.0 and HTTP/1.1 are spoken here");
        }

        return (Encoding.ASCII.GetString(method), Encoding.ASCII.GetString(target), isHttp11);
    }

    private static KeyValuePair<string, string> ParseHeaderLine(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || !IsToken(line[..colon]))
        {
            // Also a folded line (starting with a space) and "Name : value" (RFC 9112 §5.1: 400).
            throw new BadRequestException(400, "a header line is not 'Name: value'");
        }

        var value = line[(colon + 1)..].Trim(" \t"u8);
        foreach (var b in value)
        {
            // Visible ASCII, space, tab, and obs-text bytes; never a control character (CR, LF, NUL, …).
            if (b is < 0x20 and not (byte)'\t' or 0x7f)
            {
                throw new BadRequestException(400, "a header value holds a control character");
            }
        }

        return new(Encoding.ASCII.GetString(line[..colon]), Encoding.Latin1.GetString(value));
    }

    private static void CheckFraming(HttpRequestHead request)
    {
        int Count(string name)
        {
            var count = 0;
            foreach (var (key, _) in request.Headers)
            {
                count += string.Equals(key, name, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }

            return count;
        }

        if (request.IsHttp11 && Count("Host") != 1)
        {
            throw new BadRequestException(400, "an HTTP/1.1 request needs exactly one Host header");
        }

        if (Count("Host") > 1 || Count("Content-Length") > 1 || Count("Authorization") > 1)
        {
            throw new BadRequestException(400, "a header that may appear once appears twice");
        }

        if (request.Header("Content-Length") is { } length && (length.Length is 0 or > 18 || !IsDigits(length)))
        {
            throw new BadRequestException(400, "Content-Length is not a number");
        }

        if (request.Has("Content-Length") && request.Has("Transfer-Encoding"))
        {
            throw new BadRequestException(400, "both Content-Length and Transfer-Encoding");
        }
    }

    // Loops rather than LINQ lambdas here and below: each lambda class adds static state to every start-up.
    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 9110 token characters: letters, digits and !#$%&amp;'*+-.^_`|~.</summary>
    private static bool IsToken(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var b in text)
        {
            var ok = b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                || "!#$%&'*+-.^_`|~"u8.Contains(b);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
