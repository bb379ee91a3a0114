namespace FakeIdentityCenter;

/// <summary>One getSigninToken call: the session it was sent, and whether the fake issued those role credentials.</summary>
public sealed record SigninSession(string? SessionId, string? SessionKey, string? SessionToken, bool Issued);

/// <summary>One console login (Action=login): what it asked for, and whether the sign-in token was one the fake issued.</summary>
public sealed record ConsoleLogin(string? Issuer, string? Destination, bool KnownSigninToken);

/// <summary>What the federation endpoint was sent, the sign-in tokens it issued, and a status it is told to answer.</summary>
internal sealed class Federation
{
    private readonly Lock _gate = new();
    private readonly List<SigninSession> _sessions = [];
    private readonly List<ConsoleLogin> _logins = [];
    private readonly HashSet<string> _signinTokens = new(StringComparer.Ordinal);
    private int? _failWith;

    public IReadOnlyList<SigninSession> Sessions
    {
        get
        {
            lock (_gate)
            {
                return [.. _sessions];
            }
        }
    }

    public IReadOnlyList<ConsoleLogin> Logins
    {
        get
        {
            lock (_gate)
            {
                return [.. _logins];
            }
        }
    }

    /// <summary>getSigninToken answers this status from now on (null: answer normally).</summary>
    public int? FailWith
    {
        get
        {
            lock (_gate)
            {
                return _failWith;
            }
        }

        set
        {
            lock (_gate)
            {
                _failWith = value;
            }
        }
    }

    public void Record(SigninSession session)
    {
        lock (_gate)
        {
            _sessions.Add(session);
        }
    }

    public void Issued(string signinToken)
    {
        lock (_gate)
        {
            _signinTokens.Add(signinToken);
        }
    }

    public ConsoleLogin RecordLogin(string? issuer, string? destination, string? signinToken)
    {
        lock (_gate)
        {
            var login = new ConsoleLogin(issuer, destination, signinToken is not null && _signinTokens.Contains(signinToken));
            _logins.Add(login);
            return login;
        }
    }
}
