using System.Text;

namespace Ssocred.Commands.Doctor;

/// <summary>What doctor found, line by line; problems start with "warning:" or "error:".</summary>
internal sealed class DoctorReport
{
    private readonly StringBuilder _text = new();

    public int Errors { get; private set; }

    public void Section(string title) => _text.Append(_text.Length == 0 ? string.Empty : "\n").Append(title).Append('\n');

    public void Fact(string name, string value) => _text.Append("  ").Append(name.PadRight(24)).Append(value).Append('\n');

    public void Warning(string message)
    {
        _text.Append("warning: ").Append(message).Append('\n');
    }

    public void Error(string message)
    {
        Errors++;
        _text.Append("error: ").Append(message).Append('\n');
    }

    public void Line(string text) => _text.Append(text).Append('\n');

    public override string ToString() => _text.ToString();
}
