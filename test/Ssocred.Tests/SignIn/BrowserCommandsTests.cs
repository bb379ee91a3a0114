using Ssocred.Platform;
using Ssocred.SignIn;

namespace Ssocred.Tests.SignIn;

/// <summary>SPEC §2, "Browser": how BROWSER becomes argument vectors, never a shell line.</summary>
public class BrowserCommandsTests
{
    private const string Url = "https://oidc.ap-northeast-2.amazonaws.com/authorize?response_type=code&client_id=abc&state=x%2By";

    [Test]
    public void Without_percent_s_the_url_is_appended_as_the_last_word() =>
        Assert.That(Single("firefox --new-tab"), Is.EqualTo(new[] { "firefox", "--new-tab", Url }));

    [Test]
    public void Percent_s_is_replaced_by_the_url() =>
        Assert.That(Single("chromium --app=%s --incognito"), Is.EqualTo(new[] { "chromium", $"--app={Url}", "--incognito" }));

    [Test]
    public void Double_percent_is_one_percent_and_does_not_count_as_percent_s() =>
        Assert.That(Single("printf 100%% %%s"), Is.EqualTo(new[] { "printf", "100%", "%s", Url }));

    [Test]
    public void Percent_signs_inside_the_url_are_not_read_as_directives() =>
        Assert.That(Single("open %s", "https://x/?a=%s%%"), Is.EqualTo(new[] { "open", "https://x/?a=%s%%" }));

    [Test]
    public void A_lone_percent_stays() =>
        Assert.That(Single("echo 50% %s"), Is.EqualTo(new[] { "echo", "50%", Url }));

    [Test]
    public void Quotes_are_honoured_as_a_posix_shell_would() =>
        Assert.That(
            Single("'/opt/My Browser/browser' \"--profile=Work Stuff\" a\\ b %s"),
            Is.EqualTo(new[] { "/opt/My Browser/browser", "--profile=Work Stuff", "a b", Url }));

    [Test]
    public void Nothing_is_expanded() =>
        Assert.That(Single("$HOME/bin/browser ~ `id` $(id) *"), Is.EqualTo(new[] { "$HOME/bin/browser", "~", "`id`", "$(id)", "*", Url }));

    [Test]
    public void Colon_separated_alternatives_come_in_order_and_empty_ones_are_skipped()
    {
        var (commands, unreadable) = BrowserCommands.FromVariable("w3m:: lynx %s :firefox", Url);

        Assert.Multiple(() =>
        {
            Assert.That(commands.Select(c => c.Program), Is.EqualTo(new[] { "w3m", "lynx", "firefox" }));
            Assert.That(commands.Select(c => c.Arguments), Is.All.EqualTo(new[] { Url }));
            Assert.That(unreadable, Is.Empty);
        });
    }

    [Test]
    public void On_Windows_alternatives_are_semicolon_separated_and_paths_keep_their_drive_and_backslashes()
    {
        var (commands, unreadable) = BrowserCommands.FromVariable(
            @"""C:\Program Files\Mozilla Firefox\firefox.exe"" -private-window %s;C:\tools\w3m.exe", Url, HostOs.Windows);

        Assert.Multiple(() =>
        {
            Assert.That(commands.Select(c => c.Program), Is.EqualTo(new[] { @"C:\Program Files\Mozilla Firefox\firefox.exe", @"C:\tools\w3m.exe" }));
            Assert.That(commands[0].Arguments, Is.EqualTo(new[] { "-private-window", Url }));
            Assert.That(commands[1].Arguments, Is.EqualTo(new[] { Url }));
            Assert.That(unreadable, Is.Empty);
        });
    }

    [Test]
    public void An_alternative_with_an_unclosed_quote_is_set_aside_and_the_others_remain()
    {
        var (commands, unreadable) = BrowserCommands.FromVariable("'broken:firefox", Url);

        Assert.Multiple(() =>
        {
            Assert.That(commands.Select(c => c.Program), Is.EqualTo(new[] { "firefox" }));
            Assert.That(unreadable, Is.EqualTo(new[] { "'broken" }));
        });
    }

    [TestCase("https://x.example/authorize?a=1;b=2&c=3|d=$(touch pwned)`id`'\"<>\\ *")]
    [TestCase("https://x.example/ spaced url\tand\nnewline")]
    public void A_url_with_shell_metacharacters_stays_exactly_one_argument(string url)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Single("browser", url), Is.EqualTo(new[] { "browser", url }));
            Assert.That(Single("browser --url=%s --x", url), Is.EqualTo(new[] { "browser", $"--url={url}", "--x" }));
        });
    }

    [Test]
    public void Platform_openers_pass_the_url_as_one_argument()
    {
        var openers = BrowserCommands.PlatformOpeners(Url);

        Assert.Multiple(() =>
        {
            Assert.That(openers, Is.Not.Empty);
            Assert.That(openers.Select(o => o.Arguments[^1]), Is.All.EqualTo(Url));
            if (OperatingSystem.IsLinux())
            {
                Assert.That(openers.Select(o => o.Program), Is.EqualTo(new[] { "xdg-open", "wslview" }));
            }
        });
    }

    [Test]
    public void On_macOS_the_url_goes_to_open_as_its_one_argument()
    {
        var openers = BrowserCommands.PlatformOpeners(Url, HostOs.MacOS);

        Assert.That(openers.Select(o => (o.Program, string.Join('|', o.Arguments), o.IsUrlHandler)), Is.EqualTo(new[] { ("open", Url, false) }));
    }

    [Test]
    public void On_Windows_the_url_goes_to_the_registered_url_handler_and_never_through_cmd_or_rundll32()
    {
        var openers = BrowserCommands.PlatformOpeners(Url, HostOs.Windows);

        Assert.Multiple(() =>
        {
            Assert.That(openers, Has.Count.EqualTo(1));
            Assert.That(openers[0].IsUrlHandler, Is.True);
            Assert.That(openers[0].Arguments, Is.EqualTo(new[] { Url }));
        });
    }

    [Test]
    public void On_Linux_xdg_open_comes_first_then_wslview()
    {
        var openers = BrowserCommands.PlatformOpeners(Url, HostOs.Linux);

        Assert.That(openers.Select(o => (o.Program, string.Join('|', o.Arguments), o.IsUrlHandler)), Is.EqualTo(new[] { ("xdg-open", Url, false), ("wslview", Url, false) }));
    }

    private static string[] Single(string browser, string url = Url)
    {
        var (commands, unreadable) = BrowserCommands.FromVariable(browser, url);
        Assert.That(unreadable, Is.Empty);
        Assert.That(commands, Has.Count.EqualTo(1));
        return [commands[0].Program, .. commands[0].Arguments];
    }
}
