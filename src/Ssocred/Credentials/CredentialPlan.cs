using Ssocred.Configuration;

namespace Ssocred.Credentials;

/// <summary>What a credential request would do next, in SPEC §1's order.</summary>
internal enum CredentialStep
{
    /// <summary>Print the cached role credentials: no network call.</summary>
    PrintCachedCredentials,

    /// <summary>Call GetRoleCredentials with the cached SSO token, then cache and print.</summary>
    CallGetRoleCredentials,

    /// <summary>Refresh the SSO token with its refresh token, then call GetRoleCredentials.</summary>
    RefreshToken,

    /// <summary>No usable token: a sign-in (or, with --no-login, a failure).</summary>
    SignIn,
}

/// <summary>
/// The credential path's decisions as values, read-only: the rules
/// <see cref="RoleCredentialsProvider"/> and <see cref="SessionTokens"/> act on, and the plan
/// doctor reports from what is cached now. One set of rules, so doctor predicts what the
/// credential process does.
/// </summary>
/// <param name="Credentials">The cached role credentials read (valid or not); null when none.</param>
/// <param name="Token">The session's cached token read (valid or not); null when none.</param>
internal sealed record CredentialPlan(CredentialStep Step, RoleCredentials? Credentials, SsoToken? Token)
{
    /// <summary>Cached credentials are printed as they are: not forced away, and with the margin left (<see cref="RoleCredentials.Serve"/>).</summary>
    public static bool UsesCached(RefreshPolicy policy, RoleCredentials? credentials, DateTimeOffset now) =>
        !policy.ForceRefresh && credentials is not null && credentials.Serve(policy.Margin, now);

    /// <summary>A cached token is used as it is while it has the margin left.</summary>
    public static bool UsesToken(RefreshPolicy policy, SsoToken? token, DateTimeOffset now) =>
        token is not null && token.IsValidFor(policy.Margin, now);

    /// <summary>A token is refreshed (not a legacy profile's: those have no refresh) while its registration lasts.</summary>
    public static bool Refreshes(SsoSession session, SsoToken? token, DateTimeOffset now) =>
        !session.IsLegacy && token is not null && token.CanRefresh(now);

    /// <summary>The step for what is cached now.</summary>
    public static CredentialPlan For(CredentialRequest request, RoleCredentials? credentials, SsoToken? token, DateTimeOffset now)
    {
        var step = UsesCached(request.Refresh, credentials, now) ? CredentialStep.PrintCachedCredentials
            : UsesToken(request.Refresh, token, now) ? CredentialStep.CallGetRoleCredentials
            : Refreshes(request.Session, token, now) ? CredentialStep.RefreshToken
            : CredentialStep.SignIn;
        return new CredentialPlan(step, credentials, token);
    }
}
