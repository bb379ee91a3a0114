namespace Ssocred.Commands.Doctor;

/// <summary>One thing doctor looks at; each writes its own section of the report.</summary>
internal interface IDoctorCheck
{
    Task RunAsync(DoctorState state, DoctorReport report, CancellationToken cancellationToken);
}
