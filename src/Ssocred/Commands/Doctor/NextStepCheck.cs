namespace Ssocred.Commands.Doctor;

/// <summary>What the credential process would do next, and what the person should do.</summary>
internal sealed class NextStepCheck(TimeProvider time) : IDoctorCheck
{
    public Task RunAsync(DoctorState state, DoctorReport report, CancellationToken cancellationToken)
    {
        report.Section("next step");
        if (state.Settings is not { } settings)
        {
            report.Line("  fix the configuration error above, then run ssocred doctor again");
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        var margin = state.Request!.Refresh.Margin;
        if (state.RoleCredentials?.IsValidFor(margin, now) == true)
        {
            report.Line("  print the cached role credentials (no network call)");
        }
        else if (state.Token?.IsValidFor(margin, now) == true)
        {
            report.Line("  call GetRoleCredentials with the cached SSO token, then cache and print the credentials");
        }
        else if (!settings.Session.IsLegacy && state.Token?.CanRefresh(now) == true)
        {
            report.Line("  refresh the SSO token with its refresh token, then call GetRoleCredentials");
        }
        else
        {
            report.Error($"a sign-in is needed: no valid SSO token for '{settings.Session.DisplayName}' — run: ssocred login {settings.CommandLineSelector}");
        }

        return Task.CompletedTask;
    }
}
