using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.SignIn;

/// <summary>
/// End-to-end sign-ins: the fake approves device codes opened in a browser, and short device
/// intervals keep polling fast. Stand-in browsers live in test/browsers.
/// </summary>
internal abstract class SignInTest : EndToEndTest
{
    // The AWS CLI v2's registration file for [sso-session corp] with its configured scopes
    // (json.dumps of tool, startUrl, region, scopes, session_name; computed with CPython).
    public const string CorpRegistrationKey = "6d8000de5c11a566be8ace383e2fc24c518706eb";

    public static string BrowserScript(string name) => Path.Combine(SsocredExecutable.RepositoryRoot, "test", "browsers", name);

    /// <summary>Where the stand-in browser writes the arguments it got.</summary>
    protected string BrowserLog => Path.Combine(Home.Root, "browser.log");

    /// <summary>Where a stand-in browser saves the page it ends on.</summary>
    protected string BrowserPage => Path.Combine(Home.Root, "browser-page.html");

    protected override FakeOptions FakeOptions() => new() { AutoApprove = true, DeviceInterval = TimeSpan.FromSeconds(1) };

    /// <summary>The usual environment with BROWSER set (which also keeps PKCE without a display).</summary>
    protected Dictionary<string, string> WithBrowser(string browser)
    {
        var environment = Environment();
        environment["BROWSER"] = browser;
        environment["STANDIN_BROWSER_LOG"] = BrowserLog;
        environment["STANDIN_BROWSER_PAGE"] = BrowserPage;
        return environment;
    }

    /// <summary>The stand-in that follows redirects like a person's browser.</summary>
    protected Dictionary<string, string> WithFollowingBrowser() => WithBrowser(Quote(BrowserScript("follow")));

    /// <summary>
    /// No BROWSER: the platform's own opener runs (xdg-open, or Windows' URL handler, which Wine
    /// hands to xdg-open), as Windows cannot run a BROWSER script. A stand-in xdg-open on PATH
    /// follows the URL as a person's browser would; DISPLAY keeps Linux on the browser sign-in.
    /// </summary>
    protected Dictionary<string, string> WithStandInOpener()
    {
        var bin = Path.Combine(Home.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "xdg-open"), BrowserScript("follow"));
        var environment = Environment();
        environment["PATH"] = bin + Path.PathSeparator + environment["PATH"];
        environment["DISPLAY"] = ":0";
        environment["STANDIN_BROWSER_LOG"] = BrowserLog;
        environment["STANDIN_BROWSER_PAGE"] = BrowserPage;
        return environment;
    }

    /// <summary>The arguments the stand-in browser got, invocation by invocation.</summary>
    protected List<List<string>> BrowserInvocations()
    {
        var invocations = new List<List<string>>();
        foreach (var line in File.Exists(BrowserLog) ? File.ReadAllLines(BrowserLog) : [])
        {
            if (line.StartsWith("argc=", StringComparison.Ordinal))
            {
                invocations.Add([]);
            }
            else if (line.StartsWith("arg=", StringComparison.Ordinal))
            {
                invocations[^1].Add(line[4..]);
            }
        }

        return invocations;
    }

    /// <summary>Waits (in real time, briefly) for something another process does.</summary>
    protected static async Task WaitUntil(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(20);
        }
    }
}
