using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.CredentialProcess;

/// <summary>Stdout is written with write(2) on descriptor 1, not through Console (Platform/RawDescriptor.cs).</summary>
[Platform("Linux,MacOsX")]
internal sealed class StandardOutputTests : EndToEndTest
{
    [Test]
    public async Task The_answer_lands_between_what_the_shell_writes_before_and_after_into_the_same_file()
    {
        // A pwrite at the stream's own offset would be overwritten by "after".
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var folder = Directory.CreateTempSubdirectory("ssocred-stdout-").FullName; // outside HOME: it holds credentials
        var file = Path.Combine(folder, "out.txt");
        string[] lines;
        SsocredRun run;
        try
        {
            run = await SsocredProcess.RunAsync(
                ["-c", "{ echo before; \"$0\" --profile demo-sso; echo after; } > \"$1\"", SsocredExecutable.Path, file],
                Environment(),
                executable: "sh");
            lines = File.ReadAllLines(file);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(lines, Has.Length.EqualTo(3), string.Join('\n', lines));
            Assert.That(lines[0], Is.EqualTo("before"));
            Assert.That(lines[1], Does.StartWith("{\"Version\":1,\"AccessKeyId\":\"ASIA"));
            Assert.That(lines[^1], Is.EqualTo("after"));
        });
    }
}
