using System.Text.RegularExpressions;
using Ssocred.Errors;

namespace Ssocred.Configuration;

/// <summary>
/// A profile's <c>region</c>, checked before ssocred hands it on (export's shell lines, exec's
/// environment, the console's URL): botocore's rule for region names, so nothing a shell or a URL
/// would read as more than a name gets through.
/// </summary>
internal static partial class RegionName
{
    /// <summary>The profile's region, or null when it has none.</summary>
    /// <exception cref="SsocredException">It is not a region name.</exception>
    public static string? Of(SsoSettings settings) =>
        settings.ProfileRegion is not { } region || Pattern().IsMatch(region)
            ? settings.ProfileRegion
            : throw new SsocredException(
                $"region '{region}' of profile '{settings.NamedProfile ?? settings.ProfileName}' is not an AWS region name",
                "use a region name such as eu-west-1 (the AWS CLI would refuse it too)");

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")]
    private static partial Regex Pattern();
}
