using System.Text.RegularExpressions;
using Ssocred.Errors;

namespace Ssocred.Configuration;

/// <summary>
/// <c>configure populate</c>'s <c>--profile-name-template</c>: checked before anything is fetched
/// or written, so an unknown placeholder is a usage error rather than a literal "{foo}" in a
/// profile name.
/// </summary>
internal static partial class ProfileNameTemplate
{
    public const string Default = "{account_name}-{role_name}";
    public static readonly IReadOnlyList<string> Placeholders = ["{account_name}", "{account_id}", "{role_name}", "{session}"];

    private const string Help = "ssocred configure populate --help";

    /// <exception cref="UsageException">The template has a placeholder ssocred does not know, or a stray brace.</exception>
    public static void Check(string template)
    {
        if (Placeholder().Matches(template).FirstOrDefault(m => !Placeholders.Contains(m.Value)) is { } unknown)
        {
            throw new UsageException($"--profile-name-template has an unknown placeholder '{unknown.Value}' (it knows {string.Join(", ", Placeholders)})", Help);
        }

        if (Placeholder().Replace(template, string.Empty).IndexOfAny(['{', '}']) >= 0)
        {
            throw new UsageException($"--profile-name-template '{template}' has a brace that opens or closes no placeholder", Help);
        }
    }

    public static string Fill(string template, string accountName, string accountId, string roleName, string session) =>
        template
            .Replace("{account_name}", accountName, StringComparison.Ordinal)
            .Replace("{account_id}", accountId, StringComparison.Ordinal)
            .Replace("{role_name}", roleName, StringComparison.Ordinal)
            .Replace("{session}", session, StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
