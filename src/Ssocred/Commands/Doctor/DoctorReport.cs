using System.Text;

namespace Ssocred.Commands.Doctor;

/// <summary>The sections as text, line by line; problems start with "warning:" or "error:".</summary>
internal static class DoctorReport
{
    public static string Render(IEnumerable<DoctorSection> sections)
    {
        var text = new StringBuilder();
        foreach (var section in sections)
        {
            text.Append(text.Length == 0 ? string.Empty : "\n").Append(section.Title).Append('\n');
            foreach (var finding in section.Findings)
            {
                _ = finding.Kind switch
                {
                    FindingKind.Fact => text.Append("  ").Append(finding.Name!.PadRight(24)).Append(finding.Text),
                    FindingKind.Warning => text.Append("warning: ").Append(finding.Text),
                    FindingKind.Error => text.Append("error: ").Append(finding.Text),
                    _ => text.Append(finding.Text),
                };
                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
