using Ssocred.Errors;

namespace Ssocred.Configuration;

/// <summary>
/// A profile's <c>region</c>, checked before ssocred hands it on (export's shell lines, exec's
/// environment, the console's URL): botocore's rule for region names (letters, digits and inner
/// hyphens, at most 63), so nothing a shell or a URL would read as more than a name gets through.
/// </summary>
internal static class RegionName
{
    /// <summary>The profile's region, or null when it has none.</summary>
    /// <exception cref="SsocredException">It is not a region name.</exception>
    public static string? Of(SsoSettings settings) =>
        settings.ProfileRegion is not { } region || IsValid(region)
            ? settings.ProfileRegion
            : throw new SsocredException(
                $"region '{region}' of profile '{settings.NamedProfile ?? settings.ProfileName}' is not an AWS region name",
                "use a region name such as eu-west-1 (the AWS CLI would refuse it too)");

    // Written out rather than a Regex: every generated regex adds static state to each start-up.
    private static bool IsValid(string region) =>
        region.Length is > 0 and <= 63
        && region[0] != '-' && region[^1] != '-'
        && region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
