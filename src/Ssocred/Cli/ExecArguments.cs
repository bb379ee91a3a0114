namespace Ssocred.Cli;

/// <summary>
/// Splits <c>ssocred exec [options] [--] COMMAND [ARG…]</c> into ssocred's part and COMMAND's:
/// COMMAND starts at the first word that is neither one of exec's options nor its value, or
/// after <c>--</c>; everything from there on belongs to COMMAND, so its own options
/// (<c>aws s3 ls --recursive</c>) are never read as ours.
/// </summary>
internal static class ExecArguments
{
    /// <summary>For exec, its part and COMMAND's; for any other command line, all of it and nothing.</summary>
    public static (IReadOnlyList<string> Ours, string[] Command) SplitIfExec(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] == CommandLineOptions.Exec ? Split(args) : (args, []);

    public static (string[] Ours, string[] Command) Split(IReadOnlyList<string> args)
    {
        var i = 1; // args[0] is "exec"
        while (i < args.Count)
        {
            var arg = args[i];
            if (arg == "--")
            {
                return ([.. args.Take(i)], [.. args.Skip(i + 1)]);
            }

            if (!arg.StartsWith('-') || arg == "-")
            {
                break;
            }

            var takesValue = !arg.Contains('=', StringComparison.Ordinal)
                && CommandLineOptions.Find(arg) is { ValueName: not null } option
                && option.AppliesTo(CommandLineOptions.Exec);
            i += takesValue ? 2 : 1;
        }

        i = Math.Min(i, args.Count);
        return ([.. args.Take(i)], [.. args.Skip(i)]);
    }
}
