using Ssocred.Configuration;
using Ssocred.Credentials;

namespace Ssocred.Commands.Doctor;

/// <summary>
/// What the credential process would do next (the credential path's own plan), and what the
/// person should do.
/// </summary>
internal sealed class NextStepCheck(RoleCredentialsProvider credentials) : IDoctorCheck
{
    private const string Title = "next step";

    /// <summary>The section when the configuration could not be resolved.</summary>
    public static readonly DoctorSection Unresolved =
        new(Title, [Finding.Note("  fix the configuration error above, then run ssocred doctor again")]);

    public Task<DoctorSection?> RunAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        CredentialPlan plan;
        try
        {
            plan = credentials.Plan(request);
        }
        catch (Errors.SsocredException e)
        {
            // What stops the plan (a cache folder ssocred refuses) stops the credential process too.
            return Task.FromResult<DoctorSection?>(new DoctorSection(Title, [Finding.Error($"the credential process would fail: {e.ToDisplayText()}")]));
        }

        var finding = plan.Step switch
        {
            CredentialStep.PrintCachedCredentials => Finding.Note("  print the cached role credentials (no network call)"),
            CredentialStep.CallGetRoleCredentials => Finding.Note("  call GetRoleCredentials with the cached SSO token, then cache and print the credentials"),
            CredentialStep.RefreshToken => Finding.Note("  refresh the SSO token with its refresh token, then call GetRoleCredentials"),
            _ => Finding.Error($"a sign-in is needed: no valid SSO token for '{request.Session.DisplayName}' — run: ssocred login {request.Settings.CommandLineSelector}"),
        };
        return Task.FromResult<DoctorSection?>(new DoctorSection(Title, [finding]));
    }
}
