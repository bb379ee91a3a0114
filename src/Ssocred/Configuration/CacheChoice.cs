using Ssocred.Errors;

namespace Ssocred.Configuration;

/// <summary>
/// Where a session's token, client registration and role credentials live (SPEC §10): the AWS
/// CLI's files (the default, shared with the CLI) or the OS keyring.
/// </summary>
internal enum CacheChoice
{
    File,
    Keyring,
}

internal static class CacheChoices
{
    /// <summary>The profile and [sso-session] key.</summary>
    public const string ConfigKey = "ssocred_cache";

    public const string Variable = "SSOCRED_CACHE";

    public const string Option = "--cache";

    /// <summary>"file" or "keyring"; anything else names where it came from.</summary>
    public static CacheChoice Parse(string value, string source) => value.Trim().ToLowerInvariant() switch
    {
        "file" => CacheChoice.File,
        "keyring" => CacheChoice.Keyring,
        _ => throw new SsocredException($"{ConfigKey} '{value}' ({source}) is neither 'file' nor 'keyring'", "use file (shared with the AWS CLI) or keyring"),
    };

    /// <summary>What --cache or SSOCRED_CACHE says for every session; null when neither is given.</summary>
    public static CacheChoice? ChosenForAll(SsoOptions options, Platform.IEnvironment environment) =>
        options.Cache is { } flag ? Parse(flag, Option)
        : environment.Get(Variable) is { } variable ? Parse(variable, Variable)
        : null;

    public static string Name(this CacheChoice choice) => choice == CacheChoice.Keyring ? "keyring" : "file";
}
