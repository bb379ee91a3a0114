using System.Text;
using Ssocred.Configuration;
using Ssocred.Platform;

namespace Ssocred.SignIn;

/// <summary>
/// One way to open a URL: a program and its arguments, the URL among them as one word; or, when
/// <see cref="IsUrlHandler"/>, the handler the desktop registered for the URL's scheme.
/// </summary>
internal sealed record BrowserCommand(string Program, IReadOnlyList<string> Arguments, bool IsUrlHandler = false)
{
    /// <summary>Windows' registered handler, reached through ShellExecute with the URL as its one parameter.</summary>
    public static BrowserCommand UrlHandler(string url) => new("the default URL handler", [url], IsUrlHandler: true);

    public override string ToString() => string.Join(' ', [Program, .. Arguments]);
}

/// <summary>
/// Turns the BROWSER variable into commands, as SPEC §2 says: ':'-separated alternatives, each
/// split into words as a POSIX shell would (quotes honoured, nothing expanded); in each word
/// <c>%s</c> becomes the URL and <c>%%</c> a single <c>%</c>; with no <c>%s</c> anywhere the URL
/// is appended as the last word. No shell ever sees the result, so the URL stays one argument
/// whatever characters it holds. On Windows, where a path has a ':' and backslashes, the
/// alternatives are ';'-separated (as Python's webbrowser reads BROWSER there) and split by
/// Windows' own rules (<see cref="WindowsWords"/>).
/// </summary>
internal static class BrowserCommands
{
    /// <summary>The commands to try in turn, and the alternatives that could not be split.</summary>
    public static (IReadOnlyList<BrowserCommand> Commands, IReadOnlyList<string> Unreadable) FromVariable(string browser, string url) =>
        FromVariable(browser, url, Host.Os);

    public static (IReadOnlyList<BrowserCommand> Commands, IReadOnlyList<string> Unreadable) FromVariable(string browser, string url, HostOs os)
    {
        var commands = new List<BrowserCommand>();
        var unreadable = new List<string>();
        foreach (var alternative in browser.Split(os == HostOs.Windows ? ';' : ':'))
        {
            if (string.IsNullOrWhiteSpace(alternative))
            {
                continue;
            }

            if (CommandWords.TrySplit(alternative, os) is not { Count: > 0 } words)
            {
                unreadable.Add(alternative);
                continue;
            }

            var substituted = false;
            var argv = words.Select(word => Substitute(word, url, ref substituted)).ToList();
            if (!substituted)
            {
                argv.Add(url);
            }

            commands.Add(new BrowserCommand(argv[0], argv[1..]));
        }

        return (commands, unreadable);
    }

    /// <summary>The platform's own opener(s), tried in turn when BROWSER is not set.</summary>
    public static IReadOnlyList<BrowserCommand> PlatformOpeners(string url) => PlatformOpeners(url, Host.Os);

    public static IReadOnlyList<BrowserCommand> PlatformOpeners(string url, HostOs os) => os switch
    {
        HostOs.MacOS => [new("open", [url])],
        // ShellExecute, as 'start' does but without cmd.exe, which would cut the URL at '&'. Not
        // 'rundll32 url.dll,FileProtocolHandler': rundll32 hands its raw command line on (the
        // quotes .NET adds around a URL would become part of it), reports nothing useful in its
        // exit code, and is a launcher that endpoint-security tools flag.
        HostOs.Windows => [BrowserCommand.UrlHandler(url)],
        // wslview opens the Windows browser from WSL, where xdg-open often has nothing to call.
        _ => [new("xdg-open", [url]), new("wslview", [url])],
    };

    /// <summary>One left-to-right pass, so a '%' inside the URL is never read as a directive.</summary>
    private static string Substitute(string word, string url, ref bool substituted)
    {
        if (!word.Contains('%', StringComparison.Ordinal))
        {
            return word;
        }

        var result = new StringBuilder(word.Length + url.Length);
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] == '%' && i + 1 < word.Length && word[i + 1] is 's' or '%')
            {
                if (word[++i] == 's')
                {
                    result.Append(url);
                    substituted = true;
                }
                else
                {
                    result.Append('%');
                }

                continue;
            }

            result.Append(word[i]);
        }

        return result.ToString();
    }
}
