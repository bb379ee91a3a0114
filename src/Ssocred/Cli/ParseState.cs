using Ssocred.Commands;
using Ssocred.Configuration;
using Ssocred.Output;

namespace Ssocred.Cli;

/// <summary>What the command line asked for.</summary>
internal sealed record CommandLine(string Command, ParseState Options)
{
    public SsoOptions Sso => Options.Sso;
}

/// <summary>Everything an option can set; filled by <see cref="OptionSpec.Apply"/>.</summary>
internal sealed class ParseState
{
    public SsoOptions Sso { get; set; } = new();
    public bool Verbose { get; set; }
    public string? LogFile { get; set; }
    public bool Help { get; set; }
    public bool Version { get; set; }
    public bool Force { get; set; }
    public bool All { get; set; }
    public string Output { get; set; } = "text";
    public string Format { get; set; } = CredentialExport.DefaultFormat;
    public bool DryRun { get; set; }
    public bool Prune { get; set; }
    public string? Region { get; set; }
    public string NameTemplate { get; set; } = PopulateOptions.DefaultNameTemplate;
    public bool Server { get; set; }
    public bool Nested { get; set; }
    public int? Port { get; set; }
    public string? Destination { get; set; }
    public bool PrintUrl { get; set; }

    /// <summary>The words after the options (a shell for completion, a command for help, exec's COMMAND and its arguments).</summary>
    public List<string> Arguments { get; } = [];

    /// <summary>exec's COMMAND and its arguments, exactly as given.</summary>
    public IReadOnlyList<string> ExecCommand => Arguments;
}
