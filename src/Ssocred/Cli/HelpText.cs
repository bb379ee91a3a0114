using System.Reflection;
using System.Text;

namespace Ssocred.Cli;

/// <summary>--help and --version, from the one table of commands and options.</summary>
internal static class HelpText
{
    public static string Version =>
        typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public static string For(string command)
    {
        var text = new StringBuilder();
        if (command.Length == 0)
        {
            text.Append("""
                ssocred: AWS credentials from an IAM Identity Center (SSO) sign-in, for credential_process.

                usage: ssocred [--profile NAME] [options]          print credentials as JSON (the credential process)
                       ssocred COMMAND [options]

                In ~/.aws/config:
                  [profile demo]
                  credential_process = ssocred --profile demo-sso

                commands:

                """);
            foreach (var (name, summary) in CommandLineOptions.Commands)
            {
                text.Append("  ").Append(name.PadRight(12)).Append(summary).Append('\n');
            }

            text.Append("\noptions:\n");
        }
        else
        {
            text.Append("usage: ssocred ").Append(command).Append(" [options]\n\n")
                .Append(CommandLineOptions.Commands[command]).Append("\n\noptions:\n");
        }

        foreach (var option in CommandLineOptions.All.Where(o => o.AppliesTo(command)))
        {
            var names = (option.Alias is null ? string.Empty : option.Alias + ", ") + option.Name
                + (option.ValueName is null ? string.Empty : " " + option.ValueName);
            text.Append("  ").Append(names.PadRight(28)).Append(option.Help).Append('\n');
        }

        if (command.Length == 0)
        {
            text.Append("\nRun 'ssocred COMMAND --help' for a command's options. Exit status: 0 ok, 1 failure, 2 usage error.\n");
        }

        return text.ToString();
    }
}
