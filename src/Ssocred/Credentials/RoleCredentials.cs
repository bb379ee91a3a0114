using Ssocred.Diagnostics;

namespace Ssocred.Credentials;

/// <summary>Short-lived role credentials, as GetRoleCredentials returns them.</summary>
/// <param name="FetchedAt">When ssocred fetched them; null for credentials cached by another tool.</param>
internal sealed record RoleCredentials(string AccessKeyId, Secret SecretAccessKey, Secret SessionToken, DateTimeOffset Expiration, DateTimeOffset? FetchedAt = null)
{
    public bool IsValidFor(TimeSpan margin, DateTimeOffset now) => Expiration - now >= margin;

    /// <summary>
    /// Whether these credentials still answer a request with this margin. A margin longer than
    /// the credentials' whole life can never be met (no fetch does better; the warning at fetch
    /// says so), so for credentials whose fetch time is known it shrinks to three quarters of
    /// their life: they are renewed a few times in a life, not on every run.
    /// </summary>
    public bool Serve(TimeSpan margin, DateTimeOffset now) => IsValidFor(ReachableMargin(margin, now), now);

    private TimeSpan ReachableMargin(TimeSpan margin, DateTimeOffset now)
    {
        if (FetchedAt is not { } fetched || fetched > now)
        {
            return margin; // unknown, or a clock that went back: no shortcut
        }

        var life = Expiration - fetched;
        return life >= margin || life <= TimeSpan.Zero ? margin : life * 0.75;
    }
}
