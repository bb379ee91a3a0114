namespace FakeIdentityCenter;

/// <summary>How often each operation (and each CreateToken grant type) was called. Thread-safe.</summary>
internal sealed class CallCounters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tokenCalls = new(StringComparer.Ordinal);

    public void Count(string operation)
    {
        lock (_gate)
        {
            _calls[operation] = _calls.GetValueOrDefault(operation) + 1;
        }
    }

    public void CountToken(string grantType)
    {
        var name = GrantTypes.ShortName(grantType);
        lock (_gate)
        {
            _tokenCalls[name] = _tokenCalls.GetValueOrDefault(name) + 1;
        }
    }

    public int Calls(string operation)
    {
        lock (_gate)
        {
            return _calls.GetValueOrDefault(operation);
        }
    }

    public int TokenCalls(string grantType)
    {
        var name = GrantTypes.ShortName(grantType);
        lock (_gate)
        {
            return _tokenCalls.GetValueOrDefault(name);
        }
    }

    public (Dictionary<string, int> Calls, Dictionary<string, int> TokenCalls) Snapshot()
    {
        lock (_gate)
        {
            return (new Dictionary<string, int>(_calls, StringComparer.Ordinal), new Dictionary<string, int>(_tokenCalls, StringComparer.Ordinal));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _calls.Clear();
            _tokenCalls.Clear();
        }
    }
}
