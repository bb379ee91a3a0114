using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ssocred.Interop.Support;

/// <summary>
/// The Signature Version 4 <c>Authorization</c> header of a recorded request, checked the way AWS
/// checks it: recomputed from the request and a secret key. A match proves the consumer signed
/// with that very secret, which a stray default key or a cached leftover could not fake.
/// </summary>
internal sealed partial record SigV4Signature(string AccessKeyId, string Scope, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public static SigV4Signature Parse(string authorization)
    {
        var match = AuthorizationHeader().Match(authorization);
        if (!match.Success)
        {
            throw new FormatException($"not a SigV4 Authorization header: {authorization}");
        }

        return new SigV4Signature(
            match.Groups["key"].Value,
            match.Groups["scope"].Value,
            match.Groups["headers"].Value.Split(';'),
            match.Groups["signature"].Value);
    }

    public bool IsValidFor(RecordedRequest request, string secretAccessKey)
    {
        var amzDate = request.Header("X-Amz-Date") ?? throw new FormatException("no X-Amz-Date header");
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{Scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalRequest(request))))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in Scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Signature));
    }

    private string CanonicalRequest(RecordedRequest request)
    {
        var headers = SignedHeaders.Select(name =>
            $"{name}:{Whitespace().Replace((request.Header(name) ?? "").Trim(), " ")}\n");
        return string.Join('\n',
            request.Method,
            request.Url.AbsolutePath,
            CanonicalQuery(request.Url.Query),
            string.Concat(headers),
            string.Join(';', SignedHeaders),
            Hex(SHA256.HashData(request.Body)));
    }

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Encode(pair[0]), Value: Encode(pair.Length > 1 ? pair[1] : "")))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));

    private static string Encode(string component) => Uri.EscapeDataString(Uri.UnescapeDataString(component));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<scope>[^,]+), ?SignedHeaders=(?<headers>[^,]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(" +")]
    private static partial Regex Whitespace();
}
