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
    public async Task<DoctorSection?> RunAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var settings = request.Settings;
        var chosenBy = settings.Sources.TryGetValue(CacheChoices.ConfigKey, out var source) ? source : "the default";
        if (settings.Session.Cache != CacheChoice.Keyring)
        {
            return new DoctorSection("cache store", [Finding.Fact("store", $"file, shared with the AWS CLI ({chosenBy})")]);
        }

        var keyring = stores.Keyring().Keyring;
        var probe = await keyring.ProbeAsync().ConfigureAwait(false);
        return new DoctorSection("cache store",
        [
            Finding.Fact("store", $"keyring: {keyring.DisplayName} ({chosenBy})"),
            probe.Answers ? Finding.Fact("keyring", probe.Detail) : Finding.Error(probe.Detail),
            Finding.Fact("AWS CLI", "cannot share this session: 'aws sso login' and the CLI's own SSO read ~/.aws/sso/cache, which a keyring session never writes; sign in with 'ssocred login'"),
        ]);
    }
}
