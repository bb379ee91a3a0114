namespace Ssocred.Platform;

/// <summary>Reads environment variables; the one way configuration enters from the process.</summary>
internal interface IEnvironment
{
    string? Get(string name);
}

internal sealed class ProcessEnvironment : IEnvironment
{
    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
