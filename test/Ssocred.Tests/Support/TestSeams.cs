using Ssocred.Diagnostics;
using Ssocred.Platform;

namespace Ssocred.Tests.Support;

/// <summary>Environment variables from a dictionary: only what a test names exists.</summary>
internal sealed class TestEnvironment(Dictionary<string, string>? variables = null) : IEnvironment
{
    public Dictionary<string, string> Variables { get; } = variables ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public string? Get(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public IReadOnlyDictionary<string, string> All() => Variables;
}

/// <summary>Keeps what the person would have been told.</summary>
internal sealed class RecordingNotifier : IUserNotifier
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Tell(string message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }
    }
}

/// <summary>Keeps log lines as rendered text (templates with their values), to check what reaches a log.</summary>
internal sealed class RecordingLog : ILog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public bool IsDebugEnabled => true;

    public void Debug(string messageTemplate, params object?[] values) => Add(messageTemplate, values);

    public void Warning(string messageTemplate, params object?[] values) => Add(messageTemplate, values);

    public void Error(Exception exception, string messageTemplate, params object?[] values) => Add(messageTemplate, values);

    private void Add(string template, object?[] values)
    {
        lock (_lines)
        {
            _lines.Add(template + " | " + string.Join(" | ", values.Select(v => v?.ToString())));
        }
    }
}
