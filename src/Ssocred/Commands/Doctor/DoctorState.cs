using Ssocred.Configuration;
using Ssocred.Credentials;

namespace Ssocred.Commands.Doctor;

/// <summary>What the checks learn, in order: later checks read what earlier ones found.</summary>
internal sealed class DoctorState(SsoOptions options)
{
    public SsoOptions Options { get; } = options;

    /// <summary>Null when the configuration could not be resolved.</summary>
    public CredentialRequest? Request { get; set; }

    public SsoSettings? Settings => Request?.Settings;

    public RoleCredentials? RoleCredentials { get; set; }

    public SsoToken? Token { get; set; }
}
