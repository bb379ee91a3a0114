using System.Globalization;
using Ssocred.Diagnostics;
using Ssocred.Platform;

namespace Ssocred.Tests.Support;

/// <summary>Keeps every log line, rendered as a person would read it, for assertions.</summary>
internal sealed class RecordingLog : ILog
{
    public List<string> Lines { get; } = [];

    public bool IsDebugEnabled => true;

    public void Debug(string messageTemplate, params object?[] values) => Add("debug", messageTemplate, values);

    public void Warning(string messageTemplate, params object?[] values) => Add("warning", messageTemplate, values);

    public void Error(Exception exception, string messageTemplate, params object?[] values) => Add("error", messageTemplate, values);

    private void Add(string level, string template, object?[] values)
    {
        var index = 0;
        var text = System.Text.RegularExpressions.Regex.Replace(
            template,
            @"\{[^}]+\}",
            _ => index < values.Length ? Convert.ToString(values[index++], CultureInfo.InvariantCulture) ?? "null" : "?");
        lock (Lines)
        {
            Lines.Add($"{level}: {text}");
        }
    }
}

/// <summary>Keeps what would have been told to the person at the keyboard.</summary>
internal sealed class RecordingNotifier : IUserNotifier
{
    public List<string> Messages { get; } = [];

    public void Tell(string message)
    {
        lock (Messages)
        {
            Messages.Add(message);
        }
    }
}
