using System.Globalization;

namespace Ssocred.Caching;

/// <summary>
/// Times in cache files: written as 2026-11-28T21:00:00Z like the AWS CLI v2; read in that form,
/// older CLIs' 2026-11-28T21:00:00UTC, and any RFC 3339 offset or fraction.
/// </summary>
internal static class CacheTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var normalized = text.Trim();
        if (normalized.EndsWith("UTC", StringComparison.Ordinal))
        {
            normalized = normalized[..^3] + "Z";
        }

        // Only date-and-time forms: a bare date or a number is not a cache time.
        if (normalized.Length < 19 || normalized[10] is not ('T' or 't' or ' '))
        {
            return false;
        }

        return DateTimeOffset.TryParse(
            normalized,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
    }
}
