using Ssocred.Configuration;

namespace Ssocred.Commands.Doctor;

/// <summary>One thing doctor looks at, for a resolved request; its findings are its section.</summary>
internal interface IDoctorCheck
{
    /// <summary>The check's section; null when it has nothing to say for this request.</summary>
    Task<DoctorSection?> RunAsync(CredentialRequest request, CancellationToken cancellationToken);
}
