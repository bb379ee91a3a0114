namespace Ssocred.Configuration;

/// <summary>
/// ~/.aws/config as botocore's build_profile_map sees it: [default] and [profile NAME] are
/// profiles, [sso-session NAME] are SSO sessions; names are split like shell words, so
/// <c>[profile "a b"]</c> is profile "a b" and a header that is not exactly two words is ignored.
/// </summary>
internal sealed class AwsConfigFile
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, IniValue>> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, IniValue>> _ssoSessions = new(StringComparer.Ordinal);

    public AwsConfigFile(string path, IniDocument document)
    {
        Path = path;
        foreach (var name in document.SectionNames)
        {
            var values = document.Sections[name];
            if (name.StartsWith("profile", StringComparison.Ordinal))
            {
                AddNamed(_profiles, name, values);
            }
            else if (name.StartsWith("sso-session", StringComparison.Ordinal))
            {
                AddNamed(_ssoSessions, name, values);
            }
            else if (name == "default")
            {
                _profiles[name] = values;
            }
        }
    }

    public string Path { get; }

    public IEnumerable<string> ProfileNames => _profiles.Keys;

    public IEnumerable<string> SsoSessionNames => _ssoSessions.Keys;

    public IReadOnlyDictionary<string, IniValue>? Profile(string name) => _profiles.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, IniValue>? SsoSession(string name) => _ssoSessions.GetValueOrDefault(name);

    private static void AddNamed(
        Dictionary<string, IReadOnlyDictionary<string, IniValue>> into,
        string header,
        IReadOnlyDictionary<string, IniValue> values)
    {
        if (ShellWords.TrySplit(header) is [_, var name])
        {
            into[name] = values;
        }
    }
}
