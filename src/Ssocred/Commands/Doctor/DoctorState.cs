using Ssocred.Caching;
using Ssocred.Configuration;

namespace Ssocred.Commands.Doctor;

/// <summary>What the checks learn, in order: later checks read what earlier ones found.</summary>
internal sealed class DoctorState(SsoOptions options)
{
    public SsoOptions Options { get; } = options;

    /// <summary>Null when the configuration could not be resolved.</summary>
    public SsoSettings? Settings { get; set; }

    public RoleCredentials? RoleCredentials { get; set; }

    public CachedToken? Token { get; set; }
}
