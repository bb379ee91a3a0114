namespace Ssocred.Serving;

/// <summary>
/// One parsed HTTP/1.x request head: what <see cref="HttpHeadParser"/> accepted. Header names
/// are compared case-insensitively, as HTTP says.
/// </summary>
internal sealed class HttpRequestHead(string method, string target, bool isHttp11, IReadOnlyList<KeyValuePair<string, string>> headers)
{
    public string Method { get; } = method;

    /// <summary>The origin-form target as sent (path and query).</summary>
    public string Target { get; } = target;

    public bool IsHttp11 { get; } = isHttp11;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    /// <summary>The header's value, or null when the request has none.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public bool Has(string name) => Header(name) is not null;

    /// <summary>Whether the request announces a body (which this server never reads).</summary>
    public bool AnnouncesBody =>
        Has("Transfer-Encoding") || (Header("Content-Length") is { } length && length != "0");

    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes it.</summary>
    public bool KeepsAlive =>
        IsHttp11 && !HasToken(Header("Connection"), "close");

    private static bool HasToken(string? list, string token) =>
        list is not null && list.Split(',').Any(part => string.Equals(part.Trim(), token, StringComparison.OrdinalIgnoreCase));
}
