using Ssocred.Cli;

namespace Ssocred.Tests.Cli;

/// <summary>SPEC §8: help with examples and the environment variables ssocred reads, for ssocred and for every command.</summary>
internal sealed class HelpTextTests
{
    private static IEnumerable<string> VisibleCommands() =>
        CommandLineOptions.Commands.Where(c => !c.Hidden).Select(c => c.Name);

    [Test]
    public void The_top_help_lists_every_command_and_the_credential_process_options()
    {
        var help = HelpText.For(CommandLineOptions.CredentialProcess);

        Assert.Multiple(() =>
        {
            foreach (var command in VisibleCommands())
            {
                Assert.That(help, Does.Contain($"\n  {command} "), command);
            }

            foreach (var option in CommandLineOptions.For(CommandLineOptions.CredentialProcess))
            {
                Assert.That(help, Does.Contain(option.Name + (option.ValueName is null ? string.Empty : " " + option.ValueName)), option.Name);
            }

            Assert.That(help, Does.Contain("credential_process = ssocred --profile demo-sso"));
            Assert.That(help, Does.Contain("\nEXAMPLES\n").And.Contain("\nENVIRONMENT\n"));
        });
    }

    [TestCaseSource(nameof(VisibleCommands))]
    public void Every_command_has_usage_options_examples_and_environment(string command)
    {
        var help = HelpText.For(command);

        Assert.Multiple(() =>
        {
            Assert.That(help, Does.StartWith($"USAGE\n  ssocred {command} [options]"));
            Assert.That(help, Does.Contain("\nEXAMPLES\n  "), "examples");
            foreach (var option in CommandLineOptions.For(command))
            {
                Assert.That(help, Does.Contain(option.Name), option.Name);
            }

            foreach (var (variable, _) in CommandLineOptions.Environment)
            {
                Assert.That(help, Does.Contain(variable), variable);
            }
        });
    }

    [Test]
    public void Every_variable_ssocred_reads_is_in_the_environment_section()
    {
        var source = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../src/Ssocred"));
        var read = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\.Get\(""([A-Z_]+)""\)").Select(m => m.Groups[1].Value))
            .ToHashSet();
        var documented = string.Join(" ", CommandLineOptions.Environment.Select(e => e.Key));

        Assert.That(read, Is.Not.Empty);
        Assert.That(read.Where(v => !documented.Contains(v, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void The_version_names_the_commit_the_build_date_and_the_runtime()
    {
        Assert.That(VersionLine.Text, Does.Match(@"^ssocred \d+\.\d+\.\d+ \(([0-9a-f]{7,}|unknown), \d{4}-\d{2}-\d{2}, [a-z]+-[a-z0-9]+\)$"));
    }
}
