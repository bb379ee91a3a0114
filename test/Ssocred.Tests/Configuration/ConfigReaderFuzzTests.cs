using System.Diagnostics;
using System.Text;
using Ssocred.Configuration;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Configuration;

/// <summary>
/// SPEC §5: whatever the config file holds, ssocred answers with settings or with a message for a
/// person (an SsocredException: "ssocred: …" and exit 1 or 2), never another exception. Seeded
/// line- and character-level mutations of a realistic file go through the loader and the
/// resolver, with the flags and endpoint variables varied too: a fixed number of cases (same
/// seed, same cases, under a second). BotocoreParityTests checks that the parser agrees with
/// botocore; this checks everything after it.
/// </summary>
public class ConfigReaderFuzzTests
{
    private const int Seed = 20261129;
    private const int Cases = 10_000;

    private const string Config = """
        [default]
        region = us-east-1

        [profile demo]
        credential_process = ssocred --profile demo-sso

        [profile demo-sso]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = AdministratorAccess
        use_fips_endpoint = false

        [profile legacy]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = ap-northeast-2
        sso_account_id = 444455556666
        sso_role_name = ReadOnly

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = ap-northeast-2
        sso_registration_scopes = sso:account:access, sso:other
        sso_use_device_code = true

        [services local]
        sso =
          endpoint_url = http://127.0.0.1:1
        """;

    private static readonly string[] Keys =
    [
        "sso_session", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name", "sso_registration_scopes",
        "sso_use_device_code", "use_fips_endpoint", "use_dualstack_endpoint", "credential_process", "region",
    ];

    private static readonly string[] Values =
    [
        "", " ", "corp", "legacy", "https://corp.awsapps.com/start", "http://[::1]:80/start", "ftp://x", "not a url", "ap-northeast-2",
        "AP-NORTHEAST-2", "us-east-1.evil.example", "111122223333", "1111222233334", "-1", "AdministratorAccess", "Admin # x",
        "true", "TRUE", "yes", "\t", "ünïcödé", "😀", "\"quoted\"", "[profile x]", "a=b", ";", "#", new string('a', 5000),
    ];

    private static readonly string[] Headers =
    [
        "[profile demo-sso]", "[sso-session corp]", "[profile  demo-sso]", "[profile \"demo-sso\"]", "[sso-session]",
        "[DEFAULT]", "[default]", "[profile]", "[]", "[profile legacy", "[sso-session corp] # x",
    ];

    private const string Punctuation = "[]=:#; \t\"\\\r\0ü";

    private static readonly string?[] Endpoints = [null, null, "http://127.0.0.1:1", "not a url", "ftp://x", "http://", " "];

    [Test]
    public void Mutated_config_files_resolve_or_give_a_message_never_another_exception()
    {
        using var scratch = new ScratchFolder("ssocred-config-fuzz-");
        var path = Path.Combine(scratch.Path, "config");
        var random = new Random(Seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Cases; i++)
        {
            var text = Mutate(random);
            File.WriteAllText(path, text);
            var environment = new TestEnvironment(new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = scratch.Path, ["AWS_CONFIG_FILE"] = path });
            if (Endpoints[random.Next(Endpoints.Length)] is { } endpoint)
            {
                environment.Variables["AWS_ENDPOINT_URL_SSO"] = endpoint;
            }

            if (random.Next(4) == 0)
            {
                environment.Variables["AWS_USE_FIPS_ENDPOINT"] = "true";
            }

            var options = new SsoOptions
            {
                Profile = random.Next(5) switch { 0 => null, 1 => "legacy", 2 => "demo", _ => "demo-sso" },
                SsoSession = random.Next(8) == 0 ? "corp" : null,
                AccountId = random.Next(8) == 0 ? Values[random.Next(Values.Length)] : null,
            };
            try
            {
                new ProfileResolver(environment, new ConfigFileLoader(environment, new PhysicalFileSystem())).Resolve(options, requireRole: random.Next(4) > 0);
                Count(outcomes, "resolved");
            }
            catch (SsocredException e)
            {
                Count(outcomes, $"exit {e.ExitCode}: {Shape(e.Message)}");
            }
#pragma warning disable CA1031 // Any other exception is the finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"case {i}: {e.GetType().Name}: {e.Message}\n{text}");
            }
        }

        TestContext.Out.WriteLine($"{Cases} mutated config files (seed {Seed}) in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} other exceptions:");
        foreach (var (outcome, count) in outcomes.OrderByDescending(o => o.Value))
        {
            TestContext.Out.WriteLine($"  {count,6}  {outcome}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, string.Join("\n\n", failures.Take(3)));
            Assert.That(outcomes, Does.ContainKey("resolved"), "the mutations leave some files that work");
        });
    }

    private static string Mutate(Random random)
    {
        var lines = Config.Split('\n').ToList();
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 2:
                    lines.Insert(at, $"{Keys[random.Next(Keys.Length)]} = {Values[random.Next(Values.Length)]}");
                    break;
                case 3:
                    lines.Insert(at, Headers[random.Next(Headers.Length)]);
                    break;
                case 4:
                    lines[at] = (random.Next(2) == 0 ? "\t" : "  ") + lines[at];
                    break;
                case 5 when lines[at].Contains('=', StringComparison.Ordinal):
                    lines[at] = lines[at][..(lines[at].IndexOf('=', StringComparison.Ordinal) + 1)] + " " + Values[random.Next(Values.Length)];
                    break;
                case 6 when lines[at].Length > 0:
                    var chars = new StringBuilder(lines[at]);
                    chars[random.Next(chars.Length)] = Punctuation[random.Next(Punctuation.Length)];
                    lines[at] = chars.ToString();
                    break;
                default:
                    lines[at] = lines[at] + (random.Next(2) == 0 ? " # comment" : "\r");
                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add(string.Empty);
            }
        }

        return string.Join(random.Next(10) == 0 ? "\r\n" : "\n", lines);
    }

    private static void Count(Dictionary<string, int> outcomes, string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    /// <summary>The message with its quoted values blanked, so messages group by kind.</summary>
    private static string Shape(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"'[^']*'|\[[^\]]*\]|/\S+|line [\d, ]+|\(.*\)", "…");
}
