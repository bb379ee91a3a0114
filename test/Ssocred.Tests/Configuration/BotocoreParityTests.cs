using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ssocred.Configuration;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Configuration;

/// <summary>
/// SPEC §1: a config file means the same to ssocred as to botocore. Every case is parsed by
/// botocore itself (python3 on this machine) and by ssocred, and the profiles, sessions and
/// failures must agree. The one deliberate difference, a UTF-8 byte-order mark, has its own test.
/// </summary>
public class BotocoreParityTests
{
    public static readonly string[] Corpus =
    [
        "[profile a]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x/start\nsso_region = us-east-1\n",
        "[default]\nregion = us-east-1\n",
        "[profile a]\nk = v\n[profile a]\nk2 = v\n",
        "[profile a]\nk = v\nk = w\n",
        "[profile a]\nK = v\nk = w\n",
        "[profile a]\nKey = Value\n",
        "k = v\n[profile a]\n",
        "[profile a]\njunk line\n",
        "[profile a]\n= value\n",
        "[profile a]\nk: v\n",
        "[profile a]\nk = v # not a comment\n",
        "[profile a]\nk = v ; not a comment\n",
        "# comment\n; other comment\n[profile a]\n  # indented comment\nk = v\n",
        "[profile a]\nk = first\n  second\n  third\n",
        "[profile a]\nk = first\n\n  after blank\n",
        "[profile a]\ns3 =\n  max_concurrent_requests = 10\n  addressing_style = path\n",
        "[profile a]\ns3 =\n  no equals here\n",
        "[profile a]\r\nk = v\r\n",
        "[profile a]\rk = v\r",
        "[profile a]\n\tk = v\n",
        "[profile a]\nk\t=\tv\t\n",
        "[profile \"a b\"]\nk = v\n",
        "[profile 'quoted']\nk = v\n",
        "[profile a b c]\nk = v\n",
        "[profile \"unclosed]\nk = v\n",
        "[profilex]\nk = v\n",
        "[ profile a ]\nk = v\n",
        "[profile a] trailing\nk = v\n",
        "[profile a]]\nk = v\n",
        "[]\nk = v\n",
        "[DEFAULT]\nshared = yes\n[profile a]\nk = v\n[profile b]\nshared = no\n",
        "[DEFAULT]\nk = 1\n[DEFAULT]\nj = 2\n[profile a]\n",
        "[default]\nk = 1\n[profile default]\nk = 2\n",
        "[profile default]\nk = 2\n[default]\nk = 1\n",
        "[sso-session corp]\nsso_start_url = https://x\n[sso-session  corp]\nsso_region = y\n",
        "[sso-session]\nk = v\n",
        "[services s]\nsso =\n  endpoint_url = http://x\n[profile a]\nservices = s\n",
        "[profile a]\nk =\n",
        "[profile a]\nk = v = w\n",
        "[profile a]\nk = https://x:443/start\n",
        "[profile a]\nk = ünïcödé\n",
        "",
        "\n\n\n",
        "[profile a]\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"key{i} = value{i}\n")),
        "[profile a]\nk = v\n   \n  cont\n",
        "    [profile a]\nk = v\n",
        "[profile a]\n    k = v\n  j = w\n",
    ];

    [Test]
    public void Every_case_of_the_corpus_means_the_same_to_ssocred_and_botocore()
    {
        var cases = Corpus.Select(Encoding.UTF8.GetBytes).ToList();
        cases.Add([0x5b, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x6c, 0x65, 0x20, 0x61, 0x5d, 0x0a, 0x6b, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0x0a]); // not UTF-8
        cases.Add([0x00, 0x01, 0x02, 0x5b, 0x0a, 0x00]); // binary junk

        AssertParity(cases);
    }

    [Test]
    public void Seeded_random_mutations_mean_the_same_to_ssocred_and_botocore()
    {
        // A seeded mutator over a realistic file: deterministic, bounded, and wide enough to
        // reach the parser's odd corners (continuations, delimiters, headers, whitespace).
        var random = new Random(20261129);
        var seed = Encoding.UTF8.GetBytes(Corpus[0] + "[profile b]\nsso_account_id = 111122223333\ns3 =\n  x = 1\n# c\n");
        var alphabet = "[]=: \t\n\r#;\"'\\abcprofilesso-session".ToCharArray();
        var cases = new List<byte[]>();
        for (var i = 0; i < 400; i++)
        {
            var bytes = seed.ToList();
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var at = random.Next(bytes.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when bytes.Count > 0 && at < bytes.Count:
                        bytes.RemoveAt(at);
                        break;
                    case 1:
                        bytes.Insert(at, (byte)alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        if (at < bytes.Count)
                        {
                            bytes[at] = (byte)alphabet[random.Next(alphabet.Length)];
                        }

                        break;
                }
            }

            cases.Add([.. bytes]);
        }

        AssertParity(cases);
    }

    [Test]
    public void Byte_order_mark_is_the_one_kindness_added()
    {
        var document = IniDocument.Parse("\uFEFF[profile a]\nk = v\n"u8);

        Assert.That(document.Sections["profile a"]["k"].Text, Is.EqualTo("v"));
    }

    private static void AssertParity(List<byte[]> cases)
    {
        var input = JsonSerializer.Serialize(cases.Select(Convert.ToBase64String).ToList());
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Configuration", "botocore_config_oracle.py"));
        var expected = JsonNode.Parse(PythonOracle.Run(script, input))!.AsArray();
        Assert.That(expected, Has.Count.EqualTo(cases.Count));

        var disagreements = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = Ours(cases[i]);
            if (!JsonNode.DeepEquals(ours, expected[i]))
            {
                disagreements.Add($"case {i} {JsonSerializer.Serialize(Encoding.UTF8.GetString(cases[i]))}:\n  botocore {expected[i]!.ToJsonString()}\n  ssocred  {ours.ToJsonString()}");
            }
        }

        TestContext.Out.WriteLine($"{cases.Count} config files compared with botocore, {disagreements.Count} disagreements");
        Assert.That(disagreements, Is.Empty, string.Join("\n", disagreements.Take(10)));
    }

    private static JsonObject Ours(byte[] bytes)
    {
        AwsConfigFile file;
        try
        {
            file = new AwsConfigFile("config", IniDocument.Parse(bytes));
        }
        catch (IniParseException)
        {
            return new JsonObject { ["ok"] = false };
        }

        return new JsonObject
        {
            ["ok"] = true,
            ["profiles"] = Sections(file.ProfileNames, file.Profile),
            ["sso_sessions"] = Sections(file.SsoSessionNames, file.SsoSession),
        };
    }

    private static JsonObject Sections(IEnumerable<string> names, Func<string, IReadOnlyDictionary<string, IniValue>?> values)
    {
        var result = new JsonObject();
        foreach (var name in names)
        {
            var section = new JsonObject();
            foreach (var (key, value) in values(name)!)
            {
                section[key] = value.Nested is null
                    ? JsonValue.Create(value.Text)
                    : new JsonObject(value.Nested.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
            }

            result[name] = section;
        }

        return result;
    }
}
