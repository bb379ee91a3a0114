using Ssocred.Caching;
using Ssocred.Configuration;

namespace Ssocred.Commands.Doctor;

/// <summary>
/// Which store keeps the session's secrets (the AWS CLI's files or the OS keyring, and what
/// chose it), whether the keyring answers, and what a keyring session gives up: the AWS CLI
/// cannot share it.
/// </summary>
internal sealed class CacheStoreCheck(CacheStoresByChoice stores) : IDoctorCheck
{
    public async Task RunAsync(DoctorState state, DoctorReport report, CancellationToken cancellationToken)
    {
        if (state.Settings is not { } settings)
        {
            return;
        }

        report.Section("cache store");
        var chosenBy = settings.Sources.TryGetValue(CacheChoices.ConfigKey, out var source) ? source : "the default";
        if (settings.Session.Cache != CacheChoice.Keyring)
        {
            report.Fact("store", $"file, shared with the AWS CLI ({chosenBy})");
            return;
        }

        var keyring = stores.Keyring().Keyring;
        report.Fact("store", $"keyring: {keyring.DisplayName} ({chosenBy})");
        var probe = await keyring.ProbeAsync().ConfigureAwait(false);
        if (probe.Answers)
        {
            report.Fact("keyring", probe.Detail);
        }
        else
        {
            report.Error(probe.Detail);
        }

        report.Fact("AWS CLI", "cannot share this session: 'aws sso login' and the CLI's own SSO read ~/.aws/sso/cache, which a keyring session never writes; sign in with 'ssocred login'");
    }
}
