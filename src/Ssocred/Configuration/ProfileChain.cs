using Ssocred.Cli;
using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Configuration;

/// <summary>
/// Follows profiles that only name ssocred (SPEC §7): a profile with no <c>sso_*</c> keys whose
/// <c>credential_process</c> runs ssocred (its first word names a file called <c>ssocred</c> or
/// <c>ssocred.exe</c>) stands for what the rest of that line says, read with ssocred's own parser.
/// The line's profile, session, start URL, region, account and role are taken where our own
/// command line leaves them open (ours win), and a profile the line names is followed in turn,
/// until a profile with <c>sso_*</c> keys or a line that names none. A profile seen twice is a loop.
/// </summary>
internal static class ProfileChain
{
    /// <summary>Where following ended: the options to resolve with, and the chain as messages show it.</summary>
    /// <param name="Options">Ours, with what the lines said filled in; Profile is the last profile, or null when a line named none.</param>
    /// <param name="Chain">The profiles followed, the named one first (one entry when nothing was followed).</param>
    /// <param name="Region">The first <c>region</c> along the chain (the named profile's own first).</param>
    public sealed record Followed(SsoOptions Options, IReadOnlyList<string> Chain, string? Region)
    {
        /// <summary>"profile 'a' → 'b'".</summary>
        public string Describe() => Describe(Chain);

        public static string Describe(IEnumerable<string> chain) => $"profile '{string.Join("' → '", chain)}'";
    }

    /// <returns>Null when the profile runs no ssocred line (an SSO profile, or one the resolver will explain).</returns>
    /// <exception cref="SsocredException">A loop, a line that runs another program, or a line ssocred cannot read.</exception>
    public static Followed? Follow(SsoOptions ours, string profileName, AwsConfigFile config)
    {
        // The warm path's case, an SSO profile named directly: nothing to follow, nothing allocated.
        if (config.Profile(profileName) is not { } named || !RunsALine(named))
        {
            return null;
        }

        var chain = new List<string> { profileName };
        var options = ours with { Profile = profileName };
        string? region = null;
        while (options.Profile is { } current && config.Profile(current) is { } values)
        {
            region ??= Text(values, "region");
            if (!RunsALine(values))
            {
                break; // an SSO profile (or one the resolver will explain): read as it is
            }

            var given = ReadLine(Text(values, "credential_process")!, current, config.Path);
            options = Merge(ours, given);
            if (options.Profile is { } next)
            {
                if (chain.Contains(next, StringComparer.Ordinal))
                {
                    chain.Add(next);
                    throw new SsocredException(
                        $"{Followed.Describe(chain)} is a loop: each profile's credential_process runs ssocred with the next (in {config.Path})",
                        "point the last one at a profile with sso_session (or sso_start_url), sso_account_id and sso_role_name");
                }

                chain.Add(next);
            }
        }

        return new Followed(options, chain, region);
    }

    /// <summary>The options a credential_process line gives ssocred; an error for another program or an unreadable line.</summary>
    private static SsoOptions ReadLine(string line, string profile, string configPath)
    {
        // As botocore splits credential_process on this platform.
        var words = CommandWords.TrySplit(line, Host.Os);
        if (words is not { Count: > 0 })
        {
            throw new SsocredException(
                $"the credential_process of profile '{profile}' in {configPath} cannot be split into words (an unclosed quote?)",
                "fix the line, or use a profile with sso_* keys");
        }

        var program = words[0];
        var name = program[(program.LastIndexOfAny(['/', '\\']) + 1)..];
        if (name is not ("ssocred" or "ssocred.exe"))
        {
            throw new SsocredException(
                $"profile '{profile}' gets its credentials from another program ({program}), so ssocred cannot read them",
                "name a profile with sso_* keys, or one whose credential_process runs ssocred");
        }

        try
        {
            return CommandLineParser.ParseCredentialProcess(words.Skip(1).ToList()).Sso;
        }
        catch (UsageException e)
        {
            throw new SsocredException(
                $"the credential_process of profile '{profile}' in {configPath} is not an ssocred command line ssocred can read: {e.Message}",
                "fix that line (ssocred --help lists the options)",
                inner: e);
        }
    }

    /// <summary>Ours where we said it, else the line's (the line's profile always: ours is the one being followed).</summary>
    private static SsoOptions Merge(SsoOptions ours, SsoOptions line) => ours with
    {
        Profile = line.Profile,
        SsoSession = ours.SsoSession ?? line.SsoSession,
        StartUrl = ours.StartUrl ?? line.StartUrl,
        SsoRegion = ours.SsoRegion ?? line.SsoRegion,
        AccountId = ours.AccountId ?? line.AccountId,
        RoleName = ours.RoleName ?? line.RoleName,
    };

    /// <summary>No sso_* key, and a credential_process line (whose program is checked when it is read).</summary>
    private static bool RunsALine(IReadOnlyDictionary<string, IniValue> values)
    {
        foreach (var key in values.Keys)
        {
            if (key.StartsWith("sso_", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return Text(values, "credential_process") is not null;
    }

    private static string? Text(IReadOnlyDictionary<string, IniValue> values, string key) =>
        values.TryGetValue(key, out var value) && value.Nested is null && value.Text.Length > 0 ? value.Text : null;
}
