namespace Ssocred.Configuration;

/// <summary>
/// A profile that <c>configure populate</c> writes: one account and role through one session.
/// <see cref="OwnLine"/> is the one line ssocred owns in it once written (its credential_process);
/// <see cref="Extra"/> is written only when the profile is new (a person may change it later).
/// </summary>
internal sealed record PopulatedProfile(string Name, RoleTarget Role, string CredentialProcess)
{
    public const string OwnKey = "credential_process";

    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    public string OwnLine => $"{OwnKey} = {CredentialProcess}";
}
