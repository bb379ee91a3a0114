using Ssocred.Platform;

namespace Ssocred.Tests.Platform;

/// <summary>The real process seam: arguments reach the program as they are, and no shell runs.</summary>
[Platform("Linux,MacOsX")]
public class SystemProcessLauncherTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ssocred-launcher-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_url_full_of_shell_metacharacters_arrives_as_one_argument_and_runs_nothing()
    {
        var url = $"https://x.example/authorize?a=1;touch {_folder}/semicolon&b=$(touch {_folder}/dollar)|touch {_folder}/pipe`touch {_folder}/tick`";
        var record = Path.Combine(_folder, "argv.txt");

        using var process = new SystemProcessLauncher().TryStart("python3", ["-c", "import sys; open(sys.argv[1], 'w').write('\\n'.join(sys.argv[2:]))", record, url]);
        Assert.That(process, Is.Not.Null);
        var exitCode = await process!.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(File.ReadAllText(record), Is.EqualTo(url));
            Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EqualTo(new[] { "argv.txt" }), "nothing in the URL ran");
        });
    }

    [Test]
    public void A_program_that_does_not_exist_cannot_start() =>
        Assert.That(new SystemProcessLauncher().TryStart(Path.Combine(_folder, "no-such-browser"), ["https://x"]), Is.Null);

    [TestCase(@"C:\Windows\System32\calc.exe")]
    [TestCase("file:///etc/passwd")]
    [TestCase("ms-settings:privacy")]
    [TestCase("not a url")]
    public void Only_a_web_url_reaches_the_desktop_url_handler(string target) =>
        Assert.That(new SystemProcessLauncher().TryOpenUrl(target), Is.Null, "ShellExecute would run or open it");

    [Test]
    public async Task A_program_that_floods_its_output_never_blocks()
    {
        // 4 MB on stdout and stderr: far beyond a pipe's buffer, so only a drained pipe lets it exit.
        using var process = new SystemProcessLauncher().TryStart("python3", ["-c", "import sys; sys.stdout.write('x' * 4000000); sys.stderr.write('y' * 4000000)"]);

        var exitCode = await process!.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.That(exitCode, Is.Zero);
    }
}
