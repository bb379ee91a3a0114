namespace Ssocred.Platform;

/// <summary>Reads environment variables; the one way configuration enters from the process.</summary>
internal interface IEnvironment
{
    string? Get(string name);

    /// <summary>Every variable of the process, empty values included (what a child inherits).</summary>
    IReadOnlyDictionary<string, string> All();
}

internal sealed class ProcessEnvironment : IEnvironment
{
    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public IReadOnlyDictionary<string, string> All()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            all[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return all;
    }
}
