using Microsoft.Extensions.Time.Testing;
using Ssocred.Aws;
using Ssocred.Diagnostics;
using Ssocred.SignIn;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.SignIn;

/// <summary>RFC 8628 polling in virtual time: the interval, pending, slow_down (+5 s for good), expiry.</summary>
internal sealed class DeviceCodePollerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly DevicePoll Token = DevicePoll.Granted(new TokenGrant(new Secret("token"), TimeSpan.FromHours(8), null));

    [Test]
    public async Task Polls_every_interval_while_pending_then_returns_the_token()
    {
        var run = Start([DevicePoll.Pending, DevicePoll.Pending, Token]);

        var result = await run.FinishAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DevicePollOutcome.Granted));
            Assert.That(run.PollTimes, Is.EqualTo(Seconds(5, 10, 15)));
        });
    }

    [Test]
    public async Task Slow_down_adds_five_seconds_to_every_later_poll_not_only_the_next()
    {
        var run = Start([DevicePoll.Pending, DevicePoll.SlowDown, DevicePoll.Pending, DevicePoll.Pending, DevicePoll.SlowDown, DevicePoll.Pending, Token]);

        var result = await run.FinishAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DevicePollOutcome.Granted));
            // 5, 10 (slow_down: now 10 s), 20, 30, 40 (slow_down: now 15 s), 55, 70.
            Assert.That(run.PollTimes, Is.EqualTo(Seconds(5, 10, 20, 30, 40, 55, 70)));
        });
    }

    [Test]
    public async Task Never_polls_before_the_interval_has_passed()
    {
        var run = Start([Token]);

        run.Time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.That(run.PollTimes, Is.Empty);
        run.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(run.PollTimes, Is.EqualTo(Seconds(5)));
        Assert.That((await run.FinishAsync()).Outcome, Is.EqualTo(DevicePollOutcome.Granted));
    }

    [Test]
    public async Task Stops_at_the_device_codes_expiry_without_a_pointless_last_poll()
    {
        var run = Start(Enumerable.Repeat(DevicePoll.Pending, 1000).ToArray(), lifetime: TimeSpan.FromSeconds(22));

        var result = await run.FinishAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DevicePollOutcome.Expired));
            Assert.That(run.PollTimes, Is.EqualTo(Seconds(5, 10, 15, 20)));
        });
    }

    [TestCase(DevicePollOutcome.Denied)]
    [TestCase(DevicePollOutcome.Expired)]
    public async Task A_refusal_or_an_expired_code_ends_the_polling_at_once(DevicePollOutcome outcome)
    {
        var final = outcome == DevicePollOutcome.Denied ? DevicePoll.Denied : DevicePoll.Expired;
        var run = Start([DevicePoll.Pending, final, Token]);

        var result = await run.FinishAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(outcome));
            Assert.That(run.PollTimes, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Cancellation_ends_the_wait()
    {
        using var cancel = new CancellationTokenSource();
        var run = Start([DevicePoll.Pending], cancellation: cancel.Token);

        cancel.Cancel();

        Assert.That(async () => await run.Polling, Throws.InstanceOf<OperationCanceledException>());
    }

    private static TimeSpan[] Seconds(params int[] seconds) => seconds.Select(s => TimeSpan.FromSeconds(s)).ToArray();

    private static PollerRun Start(DevicePoll[] answers, TimeSpan? lifetime = null, CancellationToken cancellation = default)
    {
        var time = new FakeTimeProvider();
        var started = time.GetUtcNow();
        var pollTimes = new List<TimeSpan>();
        var next = 0;
        var poller = new DeviceCodePoller(time, new RecordingLog());
        var polling = poller.PollAsync(
            _ =>
            {
                pollTimes.Add(time.GetUtcNow() - started);
                return Task.FromResult(answers[Math.Min(next++, answers.Length - 1)]);
            },
            Interval,
            lifetime ?? Lifetime,
            cancellation);
        return new PollerRun(time, polling, pollTimes);
    }

    /// <summary>One poller in virtual time. Advancing fires its delay, and the scripted poll answers at once.</summary>
    private sealed record PollerRun(FakeTimeProvider Time, Task<DevicePoll> Polling, List<TimeSpan> PollTimes)
    {
        public async Task<DevicePoll> FinishAsync()
        {
            for (var second = 0; second < 3600 && !Polling.IsCompleted; second++)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }

            return await Polling.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
