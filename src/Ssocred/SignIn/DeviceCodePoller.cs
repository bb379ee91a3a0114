using System.Diagnostics;
using Ssocred.Aws;
using Ssocred.Diagnostics;

namespace Ssocred.SignIn;

/// <summary>
/// Polls CreateToken for a device code (RFC 8628 §3.4–3.5): every interval, 5 s more for every
/// poll after a slow_down, until a token, a refusal, or the device code's expiry. Every wait goes
/// through the TimeProvider, so tests run it in virtual time.
/// </summary>
internal sealed class DeviceCodePoller(TimeProvider time, ILog log)
{
    public static readonly TimeSpan SlowDownIncrement = TimeSpan.FromSeconds(5);

    /// <returns>The final answer: <see cref="DevicePollOutcome.Granted"/>, <see cref="DevicePollOutcome.Denied"/> or <see cref="DevicePollOutcome.Expired"/>.</returns>
    public async Task<DevicePoll> PollAsync(Func<CancellationToken, Task<DevicePoll>> poll, TimeSpan interval, TimeSpan expiresIn, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            // A poll after the code's expiry could only answer expired_token.
            if (time.GetElapsedTime(started) + interval > expiresIn)
            {
                return DevicePoll.Expired;
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            var answer = await poll(cancellationToken).ConfigureAwait(false);
            switch (answer.Outcome)
            {
                case DevicePollOutcome.Pending:
                    log.Debug("the device authorization is pending; next poll in {Seconds} s", interval.TotalSeconds);
                    break;
                case DevicePollOutcome.SlowDown:
                    interval += SlowDownIncrement;
                    log.Debug("asked to slow down; polling every {Seconds} s from now on", interval.TotalSeconds);
                    break;
                case DevicePollOutcome.Granted:
                case DevicePollOutcome.Denied:
                case DevicePollOutcome.Expired:
                    return answer;
                default:
                    throw new UnreachableException($"unknown device poll outcome {answer.Outcome}");
            }
        }
    }
}
