using System.Globalization;

namespace Ssocred.Configuration;

/// <summary>Durations on the command line: whole seconds, or a whole number with s, m or h.</summary>
internal static class Duration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length == 0)
        {
            return false;
        }

        var unit = text[^1] switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => 0,
        };
        var digits = unit == 0 ? text : text[..^1];
        unit = unit == 0 ? 1 : unit;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count > TimeSpan.MaxValue.TotalSeconds / unit / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(count * unit);
        return true;
    }
}
