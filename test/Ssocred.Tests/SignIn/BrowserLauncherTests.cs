using Ssocred.Platform;
using Ssocred.SignIn;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.SignIn;

/// <summary>Trying the openers in turn, and what happens when none works.</summary>
public class BrowserLauncherTests
{
    private const string Url = "https://device.sso.ap-northeast-2.amazonaws.com/?user_code=ABCD-EFGH";

    [Test]
    public async Task The_first_alternative_that_exits_zero_takes_the_url()
    {
        var processes = new ScriptedProcesses { ["missing"] = null, ["fails"] = 3, ["works"] = 0, ["never"] = 0 };
        var notifier = new RecordingNotifier();

        var opened = await Launcher(processes, notifier, "missing:fails %s:works:never").OpenAsync(Url, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(opened, Is.True);
            Assert.That(processes.Started, Is.EqualTo(new[] { "missing " + Url, "fails " + Url, "works " + Url }));
            Assert.That(notifier.Messages, Is.Empty);
        });
    }

    [Test]
    public async Task When_nothing_opens_the_person_is_told_and_nothing_throws()
    {
        var processes = new ScriptedProcesses { ["missing"] = null, ["fails"] = 1 };
        var notifier = new RecordingNotifier();

        var opened = await Launcher(processes, notifier, "missing:fails").OpenAsync(Url, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(opened, Is.False);
            Assert.That(notifier.Messages, Has.Count.EqualTo(1));
            Assert.That(notifier.Messages[0], Does.Contain("could not open a browser").And.Contain("missing, fails").And.Contain("keeps waiting"));
        });
    }

    [Test]
    public async Task Without_browser_the_platform_openers_are_tried()
    {
        var processes = new ScriptedProcesses();
        var notifier = new RecordingNotifier();

        await Launcher(processes, notifier, browser: null).OpenAsync(Url, CancellationToken.None);

        Assert.That(processes.Started, Is.EqualTo(BrowserCommands.PlatformOpeners(Url).Select(c => c.ToString())));
    }

    [Test]
    public async Task An_opener_still_running_after_the_grace_period_counts_as_opened()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var processes = new ScriptedProcesses { ["browser"] = ScriptedProcesses.RunsForever };
        var notifier = new RecordingNotifier();
        var launcher = new BrowserLauncher(new TestEnvironment(new() { ["BROWSER"] = "browser:other" }), processes, notifier, time, new RecordingLog());

        var opening = launcher.OpenAsync(Url, CancellationToken.None);
        time.Advance(BrowserLauncher.StillRunningMeansOpened);

        Assert.Multiple(async () =>
        {
            Assert.That(await opening.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
            Assert.That(processes.Started, Is.EqualTo(new[] { "browser " + Url }), "the next alternative is not tried");
        });
    }

    [Test]
    public async Task With_no_browser_nothing_is_started_and_the_sign_in_result_comes_through()
    {
        var processes = new ScriptedProcesses();
        var launcher = Launcher(processes, new RecordingNotifier(), "browser");

        var result = await launcher.WhileOpeningAsync(Url, noBrowser: true, Task.FromResult(42), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(42));
            Assert.That(processes.Started, Is.Empty);
        });
    }

    private static BrowserLauncher Launcher(ScriptedProcesses processes, RecordingNotifier notifier, string? browser)
    {
        var environment = new TestEnvironment();
        if (browser is not null)
        {
            environment.Variables["BROWSER"] = browser;
        }

        return new BrowserLauncher(environment, processes, notifier, TimeProvider.System, new RecordingLog());
    }

    /// <summary>Programs by name: an exit code, null for "cannot start", or <see cref="RunsForever"/>.</summary>
    private sealed class ScriptedProcesses : Dictionary<string, int?>, IProcessLauncher
    {
        public const int RunsForever = int.MinValue;

        public List<string> Started { get; } = [];

        public ILaunchedProcess? TryStart(string program, IReadOnlyList<string> arguments)
        {
            Started.Add(string.Join(' ', [program, .. arguments]));
            var exitCode = TryGetValue(program, out var scripted) ? scripted : 1;
            return exitCode is null ? null : new Scripted(exitCode.Value);
        }

        public ILaunchedProcess? TryOpenUrl(string url) => TryStart("(url handler)", [url]);

        private sealed class Scripted(int exitCode) : ILaunchedProcess
        {
            public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
            {
                if (exitCode == RunsForever)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return exitCode;
            }

            public void Dispose()
            {
            }
        }
    }
}
