using Ssocred.Credentials;
using Ssocred.Diagnostics;

namespace Ssocred.Serving;

/// <summary>
/// The container-credentials endpoint as serve and exec --server run it: a new token, the
/// loopback server bound on 127.0.0.1, and the two variables that point an SDK at it.
/// </summary>
internal sealed class ContainerCredentialServer : IDisposable
{
    public const string FullUriVariable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public const string TokenVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN";

    private readonly LoopbackHttpServer _server;
    private readonly ServedCredentials _credentials;
    private readonly ServeToken _token;

    private ContainerCredentialServer(LoopbackHttpServer server, ServedCredentials credentials, ServeToken token)
    {
        _server = server;
        _credentials = credentials;
        _token = token;
    }

    public int Port => _server.Port;

    /// <summary>The two variables an SDK reads (the token among them: only for the person or the child).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables =>
    [
        new(FullUriVariable, $"http://127.0.0.1:{Port}/"),
        new(TokenVariable, _token.Value),
    ];

    /// <summary>Binds the endpoint (port 0: any free one); it answers once <see cref="RunAsync"/> runs.</summary>
    public static ContainerCredentialServer Bind(
        int port,
        Func<CancellationToken, Task<RoleCredentials>> fetch,
        string accountId,
        TimeSpan margin,
        TimeProvider time,
        ILog log)
    {
        var token = ServeToken.Create();
        var credentials = new ServedCredentials(fetch, margin, time);
        var endpoint = new CredentialEndpoint(token, credentials, accountId, log);
        try
        {
            return new ContainerCredentialServer(LoopbackHttpServer.Bind(port, endpoint.AnswerAsync, time, log), credentials, token);
        }
        catch
        {
            credentials.Dispose();
            throw;
        }
    }

    public Task RunAsync(CancellationToken stop) => _server.RunAsync(stop);

    public void Dispose()
    {
        _server.Dispose();
        _credentials.Dispose();
    }
}
