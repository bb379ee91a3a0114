using System.Text;
using System.Text.Json.Nodes;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §1 and §5: a config file botocore would reject is exit 1 naming the file and what is
/// wrong; one it accepts means what it means to botocore (so a comment after a value is part of
/// the value), and a value that cannot be right is named with the key, profile and file. Never a
/// stack trace. CredentialProcess/ConfigurationTests has duplicate sections and keys, a line
/// before any section, a junk line, a folder, a bad region, a byte-order mark with CRLF; the unit
/// tests compare the parser with botocore on a corpus and seeded mutations. These are the rest.
/// </summary>
internal sealed class MalformedConfigTests : EndToEndTest
{
    private const string NotUtf8 = "cannot be read: the file is not valid UTF-8 text";

    public static readonly ConfigCase[] Cases =
    [
        new("binary junk", RandomBytes(4096), NotUtf8),
        new("UTF-16 text", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(StandardConfig)).ToArray(), NotUtf8),
        new("NUL bytes before the first section", [0, 0, 0, .. Encoding.UTF8.GetBytes(StandardConfig)], "cannot be read: line 1 comes before any [section] header"),
        new("empty file", [], "profile 'demo-sso' is not in"),
        new("only comments", "# nothing\n; here\n"u8.ToArray(), "profile 'demo-sso' is not in"),
        new("huge file: 20 000 other profiles before ours", HugeConfig(), null),
        new("a 1 MB comment line", Encoding.UTF8.GetBytes("# " + new string('x', 1 << 20) + "\n" + StandardConfig), null),
        new("unknown keys and sections", Edit("sso_role_name = AdministratorAccess", "sso_role_name = AdministratorAccess\nfuture_key = 1\n[unknown-kind x]\nk = v\n[profile demo-sso-extra]\nregion = x"), null),
        new("upper-case key names", Edit("sso_account_id", "SSO_ACCOUNT_ID"), null),
        new("tabs around '='", Encoding.UTF8.GetBytes(StandardConfig.Replace(" = ", "\t=\t", StringComparison.Ordinal)), null),
        new("CR line endings", Encoding.UTF8.GetBytes(StandardConfig.ReplaceLineEndings("\r")), null),
        new("a tab-indented key continues the value above", Edit("sso_role_name", "\tsso_role_name"), "profile 'demo-sso' in", "has no sso_role_name"),
        new("comment after the account id", Edit(AccountId, AccountId + " # prod"), $"sso_account_id '{AccountId} # prod' (profile 'demo-sso' in", "is not an AWS account id"),
        new("comment after the region", Edit($"sso_region = {Region}", $"sso_region = {Region} ; Seoul"), $"sso_region '{Region} ; Seoul' ([sso-session corp] in", "is not an AWS region name"),
        new("comment after the role name", Edit($"sso_role_name = {RoleName}", $"sso_role_name = {RoleName} # admin"), $"sso_role_name '{RoleName} # admin' (profile 'demo-sso' in", "is not a role name"),
        new("comment after the start URL", Edit($"sso_start_url = {StartUrl}", $"sso_start_url = {StartUrl} # portal"), $"sso_start_url '{StartUrl} # portal' ([sso-session corp] in", "is not a URL"),
        new("empty account id", Edit($"sso_account_id = {AccountId}", "sso_account_id ="), "profile 'demo-sso' in", "has no sso_account_id"),
        new("region as a nested block", Edit($"sso_region = {Region}", "sso_region =\n  name = ap-northeast-2"), "sso_region in [sso-session corp] in", "is a nested block"),
        new("sso_session naming itself with quotes", Edit("[sso-session corp]", "[sso-session \"corp\"]"), null),
        new("unterminated quote in a section name", Edit("[sso-session corp]", "[sso-session \"corp]"), "there is no [sso-session corp] section in"),
    ];

    private static Dictionary<string, bool>? s_botocoreAccepts;

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_config_is_named_or_read_as_botocore_reads_it(ConfigCase config)
    {
        File.WriteAllBytes(Home.ConfigPath, config.Content);
        SeedToken(TimeSpan.FromHours(4));

        var run = await Run("--profile", "demo-sso");

        if (config.Problem is null)
        {
            AssertCredentialJson(run);
            Assert.That(run.Stderr, Is.Empty);
        }
        else
        {
            AssertFailure(run, 1, [Home.ConfigPath, .. config.Problem]);
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero, "nothing asked of the service with a setting that cannot be right");
        }

        TestContext.Out.WriteLine($"{config.Content.Length} bytes: exit {run.ExitCode} after {run.Elapsed.TotalMilliseconds:0} ms");
    }

    [TestCaseSource(nameof(Cases))]
    public void Botocore_rejects_exactly_the_files_ssocred_cannot_read(ConfigCase config)
    {
        s_botocoreAccepts ??= BotocoreVerdicts();
        var weReject = config.Problem?.Any(p => p.StartsWith("cannot be read", StringComparison.Ordinal)) ?? false;

        Assert.That(!s_botocoreAccepts[config.Name], Is.EqualTo(weReject), "botocore.configloader.load_config rejects it");
    }

    [Test]
    public async Task Unreadable_config_is_named_with_the_reason()
    {
        File.SetUnixFileMode(Home.ConfigPath, UnixFileMode.None);

        var run = await RunUnprivileged("--profile", "demo-sso");

        AssertFailure(run, 1, $"cannot read the config file {Home.ConfigPath}", "denied", "check that it exists and that you may read it");
    }

    [Test]
    public async Task Config_that_is_a_symlink_loop_is_named_with_the_reason()
    {
        var loop = Path.Combine(Home.AwsFolder, "loop");
        File.CreateSymbolicLink(loop, loop);
        var environment = Environment();
        environment["AWS_CONFIG_FILE"] = loop;

        var run = await RunWith(environment, "--profile", "demo-sso");

        AssertFailure(run, 1, $"cannot read the config file {loop}", "symbolic links");
    }

    [Test]
    public async Task Config_below_a_file_is_a_config_that_does_not_exist()
    {
        var environment = Environment();
        environment["AWS_CONFIG_FILE"] = Path.Combine(Home.ConfigPath, "config");

        var run = await RunWith(environment, "--profile", "demo-sso");

        AssertFailure(run, 1, $"the config file {environment["AWS_CONFIG_FILE"]} does not exist");
    }

    /// <summary>What botocore makes of each file, asked once for all (the BOM aside, none here has one).</summary>
    private Dictionary<string, bool> BotocoreVerdicts()
    {
        var folder = Directory.CreateTempSubdirectory("ssocred-configs-").FullName;
        try
        {
            for (var i = 0; i < Cases.Length; i++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"{i:D3}"), Cases[i].Content);
            }

            var verdicts = PythonScript.Run(
                """
                import json, os, sys
                from botocore import configloader
                from botocore.exceptions import ConfigParseError
                folder = sys.argv[1]
                def accepts(path):
                    try:
                        configloader.load_config(path)
                        return True
                    except ConfigParseError:
                        return False
                print(json.dumps({name: accepts(os.path.join(folder, name)) for name in sorted(os.listdir(folder))}))
                """,
                Environment(),
                folder);
            return Cases.Select((c, i) => (c.Name, Accepts: verdicts[$"{i:D3}"]!.GetValue<bool>())).ToDictionary(v => v.Name, v => v.Accepts);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] Edit(string from, string to)
    {
        if (!StandardConfig.Contains(from, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the standard config has no '{from}'", nameof(from));
        }

        return Encoding.UTF8.GetBytes(StandardConfig.Replace(from, to, StringComparison.Ordinal));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static byte[] HugeConfig()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("[profile p").Append(i).Append("]\nsso_session = corp\nregion = us-east-1\n");
        }

        return Encoding.UTF8.GetBytes(text.Append(StandardConfig).ToString());
    }

    /// <param name="Problem">The parts of the message, or null when the file works.</param>
    public sealed record ConfigCase(string Name, byte[] Content, params string[]? Problem)
    {
        public override string ToString() => Name;
    }
}
