using System.Diagnostics;
using Ssocred.Output;

namespace Ssocred.Tests.Output;

public class UnifiedDiffTests
{
    [TestCase("a\nb\nc\n", "a\nb\nc\nd\ne\n")]
    [TestCase("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\n2\nX\n4\n5\n6\n7\n8\n9\n10\nY\n12\n")]
    [TestCase("", "new\nfile\n")]
    [TestCase("keep\nold\nkeep\n", "keep\nkeep\n")]
    public void Patch_turns_the_old_text_into_the_new_with_our_diff(string before, string after)
    {
        var folder = Directory.CreateTempSubdirectory("ssocred-diff-").FullName;
        try
        {
            var file = Path.Combine(folder, "config");
            File.WriteAllText(file, before);
            var diff = UnifiedDiff.Render(before, after, file);

            var patch = Process.Start(new ProcessStartInfo("patch", ["--quiet", file]) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true })!;
            patch.StandardInput.Write(diff);
            patch.StandardInput.Close();
            var errors = patch.StandardError.ReadToEnd() + patch.StandardOutput.ReadToEnd();
            patch.WaitForExit();

            Assert.That(patch.ExitCode, Is.Zero, $"{errors}\n{diff}");
            Assert.That(File.ReadAllText(file), Is.EqualTo(after), diff);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void No_change_no_diff() => Assert.That(UnifiedDiff.Render("a\n", "a\n", "config"), Is.Empty);
}
