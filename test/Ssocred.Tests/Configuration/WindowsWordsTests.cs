using System.Text.Json;
using Ssocred.Configuration;
using Ssocred.Tests.Support;
using Ssocred.TestSupport;

namespace Ssocred.Tests.Configuration;

/// <summary>
/// credential_process lines and BROWSER on Windows split as botocore splits them there
/// (botocore.compat._windows_shell_split, asked through the installed botocore), so a profile
/// means the same to both tools on Windows too.
/// </summary>
public class WindowsWordsTests
{
    private static readonly string[] Lines =
    [
        @"C:\tools\ssocred.exe --profile demo-sso",
        @"""C:\Program Files\ssocred\ssocred.exe"" --profile ""my profile""",
        @"ssocred --profile a\\""b",
        @"a\\\""b c\\\\""d e""",
        @"trailing\\",
        @"""""",
        @"x """" y",
        "  spaced \t out  ",
        @"a""b c""d",
        @"\\server\share\ssocred.exe --sso-session corp",
        @"ab\\""",
        @"""unclosed",
        "",
    ];

    [TestCaseSource(nameof(Lines))]
    public void Agrees_with_botocore(string line) =>
        Assert.That(Describe(WindowsWords.TrySplit(line)), Is.EqualTo(Botocore([line])[0]));

    [Test]
    public void Agrees_with_botocore_on_seeded_mutations()
    {
        var random = new Random(2026);
        const string Alphabet = "ab \t\\\"C:";
        var lines = Enumerable.Range(0, 2000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 14)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()))
            .ToArray();

        var expected = Botocore(lines);

        for (var i = 0; i < lines.Length; i++)
        {
            Assert.That(Describe(WindowsWords.TrySplit(lines[i])), Is.EqualTo(expected[i]), JsonSerializer.Serialize(lines[i]));
        }
    }

    [Test]
    public void A_full_path_keeps_its_backslashes_where_a_posix_split_would_eat_them()
    {
        Assert.That(CommandWords.TrySplit(@"C:\tools\ssocred.exe --profile x", Ssocred.Platform.HostOs.Windows), Is.EqualTo(new[] { @"C:\tools\ssocred.exe", "--profile", "x" }));
        Assert.That(CommandWords.TrySplit(@"C:\tools\ssocred.exe --profile x", Ssocred.Platform.HostOs.Linux), Is.EqualTo(new[] { "C:toolsssocred.exe", "--profile", "x" }));
    }

    // Python's json.dumps escapes only what JSON must: '"' as \", not \u0022.
    private static readonly JsonSerializerOptions AsPython = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Describe(List<string>? words) => words is null ? "error" : JsonSerializer.Serialize(words, AsPython);

    /// <summary>botocore's split of each line (JSON of the words, or "error"), one python3 run for all.</summary>
    private static string[] Botocore(string[] lines)
    {
        try
        {
            var output = PythonOracle.Run(
                "import sys, json\n"
                + "from botocore.compat import _windows_shell_split\n"
                + "for line in json.load(sys.stdin):\n"
                + "    try:\n"
                + "        print(json.dumps(_windows_shell_split(line), separators=(',', ':'), ensure_ascii=False))\n"
                + "    except ValueError:\n"
                + "        print('error')\n",
                JsonSerializer.Serialize(lines));
            return output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        }
        catch (InvalidOperationException e)
        {
            throw MissingTool.Of($"python3 with botocore ({e.Message})");
        }
    }
}
