using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Output;
using Ssocred.Platform;

namespace Ssocred.Commands;

/// <summary>What <c>configure populate</c> was asked to do.</summary>
internal sealed record PopulateOptions(bool DryRun, string? Region, string NameTemplate, bool Prune = false)
{
    public const string DefaultNameTemplate = ProfileNameTemplate.Default;
}

/// <summary>
/// <c>ssocred configure populate --sso-session S</c>: one profile per account and role the session
/// may use, each in the one-line form (<c>credential_process = ssocred --sso-session S
/// --account-id … --role-name …</c>), so no profile ever mixes credential_process with sso_*
/// keys. Names are made safe, unique and stable; a second run updates its own profiles and
/// leaves every other line of the file as it was. The file is backed up before it is changed.
/// </summary>
internal sealed partial class ConfigurePopulateCommand(
    RequestResolver resolver,
    SessionTokens tokens,
    Func<SsoEndpoints, SsoPortal> portalFactory,
    IFileSystem fileSystem,
    IStandardOutput stdout,
    IUserNotifier notifier,
    TimeProvider time,
    string ssocredPath,
    ILog log)
{
    public async Task<int> RunAsync(SsoOptions options, PopulateOptions populate, CancellationToken cancellationToken)
    {
        if (options.SsoSession is null)
        {
            throw new UsageException("configure populate needs --sso-session NAME", "ssocred configure populate --help");
        }

        ProfileNameTemplate.Check(populate.NameTemplate);
        var request = resolver.Resolve(options with { Profile = null }, requireRole: false);
        var path = request.Settings.ConfigPath ?? resolver.ConfigPath;
        using var portal = portalFactory(request.Settings.Endpoints);
        var directory = await AccountDirectory.ListAsync(tokens, portal, request, log, cancellationToken).ConfigureAwait(false);
        var profiles = Profiles(directory.SelectMany(a => a.Roles.Select(role => (a.Account, role))).ToList(), options.SsoSession, populate);

        var before = fileSystem.FileExists(path) ? Encoding.UTF8.GetString(fileSystem.ReadAllBytes(path)) : string.Empty;
        var edit = ProfileBlockEditor.Apply(before, options.SsoSession, profiles, populate.Prune);
        foreach (var name in edit.Skipped)
        {
            notifier.Tell($"warning: [profile {name}] already exists and was not written by ssocred; left as it is");
        }

        if (edit.Stale.Count > 0)
        {
            var names = string.Join(", ", edit.Stale);
            notifier.Tell(populate.Prune
                ? $"{(populate.DryRun ? "would remove" : "removing")} {edit.Stale.Count} profile(s) of roles '{options.SsoSession}' no longer has: {names}"
                : $"{edit.Stale.Count} profile(s) of roles '{options.SsoSession}' no longer has stay (--prune removes them): {names}");
        }

        if (populate.DryRun)
        {
            using var stream = stdout.OpenStream();
            stream.Write(Encoding.UTF8.GetBytes(UnifiedDiff.Render(before, edit.Text, path)));
            return ExitCodes.Success;
        }

        if (edit.Text == before)
        {
            notifier.Tell($"{path} already has all {profiles.Count} profile(s) of '{options.SsoSession}'");
            return ExitCodes.Success;
        }

        Write(path, before.Length > 0, edit.Text);
        notifier.Tell($"wrote {profiles.Count - edit.Skipped.Count} profile(s) of '{options.SsoSession}' to {path}");
        return ExitCodes.Success;
    }

    private List<PopulatedProfile> Profiles(List<(PortalAccount Account, string Role)> assignments, string session, PopulateOptions populate)
    {
        string Name((PortalAccount Account, string Role) a, bool withId) =>
            SafeName(ProfileNameTemplate.Fill(populate.NameTemplate, a.Account.AccountName, a.Account.AccountId, a.Role, session) + (withId ? "-" + a.Account.AccountId : string.Empty));

        // Two accounts may share a name: the account id then keeps their profiles apart.
        var clashes = assignments.GroupBy(a => Name(a, false), StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var profiles = assignments
            .Select(a => new PopulatedProfile(
                Name(a, clashes.Contains(Name(a, false))),
                new RoleTarget(a.Account.AccountId, a.Role),
                $"{Quote(ssocredPath)} --sso-session {Quote(session)} --account-id {a.Account.AccountId} --role-name {Quote(a.Role)}")
            {
                Extra = populate.Region is null ? [] : [new("region", populate.Region)],
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        // A template that still gives two roles one name (no {role_name}) would write duplicate sections.
        if (profiles.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } collision)
        {
            var roles = string.Join(" and ", collision.Take(2).Select(p => $"{p.Role.RoleName} in {p.Role.AccountId}"));
            throw new UsageException(
                $"--profile-name-template '{populate.NameTemplate}' gives {collision.Count()} roles the name '{collision.Key}' ({roles}); nothing was written",
                "add {role_name} (and {account_id}) to the template — see 'ssocred configure populate --help'");
        }

        return profiles;
    }

    private void Write(string path, bool exists, string text)
    {
        UnixFileMode? mode = null;
        if (exists)
        {
            mode = fileSystem.GetUnixMode(path);
            var backup = $"{path}.ssocred-backup-{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
            for (var n = 2; fileSystem.FileExists(backup); n++)
            {
                // Two runs within one second: a second backup, never an overwrite or a crash.
                backup = $"{backup.Split('~')[0]}~{n}";
            }

            fileSystem.Copy(path, backup);
            notifier.Tell($"backed up {path} to {backup}");
        }
        else if (Path.GetDirectoryName(path) is { } folder && !fileSystem.DirectoryExists(folder))
        {
            fileSystem.CreatePrivateDirectory(folder);
        }

        AtomicFile.Write(fileSystem, path, Encoding.UTF8.GetBytes(text));
        if (mode is { } original)
        {
            fileSystem.SetUnixMode(path, original);
        }
    }

    private static string SafeName(string name)
    {
        var safe = UnsafeRun().Replace(name, "-").Trim('-', '.');
        return safe.Length == 0 ? "profile" : safe;
    }

    // botocore splits credential_process like a shell: quote what a shell would split.
    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or '=' or ',' or '@' or ':')
            ? word
            : "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeRun();
}
