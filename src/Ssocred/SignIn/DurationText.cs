using System.Globalization;

namespace Ssocred.SignIn;

/// <summary>Durations for people, in the units --login-timeout takes: "90 s", "10 min", "2 h".</summary>
internal static class DurationText
{
    public static string Describe(TimeSpan duration) =>
        duration.TotalSeconds < 120 || duration.Seconds != 0 ? Format(duration.TotalSeconds, "s")
        : duration.TotalMinutes < 120 || duration.Minutes != 0 ? Format(duration.TotalMinutes, "min")
        : Format(duration.TotalHours, "h");

    /// <summary>How long a wait may last, for a prompt: "up to 10 min, until 14:05 UTC".</summary>
    public static string Until(TimeSpan wait, DateTimeOffset now) =>
        $"up to {Describe(wait)}, until {(now + wait).UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";

    private static string Format(double value, string unit) => $"{Math.Floor(value).ToString(CultureInfo.InvariantCulture)} {unit}";
}
