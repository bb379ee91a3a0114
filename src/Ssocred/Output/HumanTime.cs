using System.Globalization;

namespace Ssocred.Output;

/// <summary>
/// A moment as people read it, relative to now: "in 7 h 42 min", "3 days ago". Shown beside the
/// UTC time, never instead of it.
/// </summary>
internal static class HumanTime
{
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var magnitude = span.Duration();
        if (magnitude < TimeSpan.FromMinutes(1))
        {
            return span >= TimeSpan.Zero ? "in less than a minute" : "less than a minute ago";
        }

        var amount = magnitude switch
        {
            _ when magnitude < TimeSpan.FromHours(1) => $"{Whole(magnitude.TotalMinutes)} min",
            _ when magnitude < TimeSpan.FromDays(1) => magnitude.Minutes == 0
                ? $"{Whole(magnitude.TotalHours)} h"
                : $"{Whole(magnitude.TotalHours)} h {magnitude.Minutes} min",
            _ => Whole(magnitude.TotalDays) == "1" ? "1 day" : $"{Whole(magnitude.TotalDays)} days",
        };
        return span >= TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }

    private static string Whole(double value) => Math.Floor(value).ToString(CultureInfo.InvariantCulture);
}
