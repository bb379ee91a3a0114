using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Ssocred.Diagnostics;
using Ssocred.Errors;

namespace Ssocred.SignIn;

/// <summary>What the browser brought back to the callback: a code, or the error the service sent.</summary>
internal sealed record CallbackAnswer(Secret? Code, string? Error, string? ErrorDescription);

/// <summary>
/// A one-shot HTTP/1.1 listener on 127.0.0.1 for the PKCE callback. It is bound when created and
/// keeps its socket until disposed, so no other program can take the port between the moment the
/// authorize URL names it and the moment the browser comes back (probing a free port and binding
/// it again later is a race). Only <c>GET /oauth/callback</c> with the expected state ends the
/// wait; anything else is answered and changes nothing.
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    public const string CallbackPath = "/oauth/callback";

    /// <summary>How long one connection may take to send its request.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private const int MaxRequestHead = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly TimeProvider _time;
    private readonly ILog _log;

    private LoopbackListener(TcpListener listener, TimeProvider time, ILog log)
    {
        _listener = listener;
        _time = time;
        _log = log;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>The redirect URI of this sign-in, with the port (the registration has it without).</summary>
    public string RedirectUri => $"http://127.0.0.1:{Port}{CallbackPath}";

    /// <summary>Binds 127.0.0.1 on the port (0: any free one).</summary>
    /// <exception cref="SsocredException">The port is taken or may not be used.</exception>
    public static LoopbackListener Bind(int? port, TimeProvider time, ILog log)
    {
        var listener = new TcpListener(IPAddress.Loopback, port ?? 0);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            var why = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "it is already in use" : e.Message;
            throw new SsocredException(
                $"cannot listen for the browser's sign-in callback on 127.0.0.1:{port ?? 0}: {why}",
                port is null ? "check that 127.0.0.1 is available" : "choose another port with --callback-port, or stop the program that uses it",
                inner: e);
        }

        return new LoopbackListener(listener, time, log);
    }

    /// <summary>Answers connections until one brings the expected state with a code or an error.</summary>
    public async Task<CallbackAnswer> WaitForCallbackAsync(string expectedState, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<CallbackAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connections = new List<Task>();
        try
        {
            while (!answer.Task.IsCompleted)
            {
                var accepting = _listener.AcceptTcpClientAsync(stop.Token).AsTask();
                if (await Task.WhenAny(accepting, answer.Task).ConfigureAwait(false) != accepting)
                {
                    break;
                }

                // Each connection on its own, so a browser's idle pre-connection cannot hold up the real one.
                connections.Add(AnswerAsync(await accepting.ConfigureAwait(false), expectedState, answer, stop.Token));
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(connections).ConfigureAwait(false);
        }

        return await answer.Task.ConfigureAwait(false);
    }

    public void Dispose() => _listener.Dispose();

    private async Task AnswerAsync(TcpClient client, string expectedState, TaskCompletionSource<CallbackAnswer> answer, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var limit = new CancellationTokenSource(RequestTimeout, _time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
                var stream = client.GetStream();
                if (await ReadRequestLineAsync(stream, either.Token).ConfigureAwait(false) is not { } requestLine)
                {
                    return;
                }

                var (page, result) = Decide(requestLine, expectedState);
                await WriteAsync(stream, page, either.Token).ConfigureAwait(false);
                if (result is not null)
                {
                    answer.TrySetResult(result);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                _log.Debug("a connection to the sign-in callback ended early: {Reason}", e.Message);
            }
        }
    }

    private ((int Status, string Html) Page, CallbackAnswer? Result) Decide(string requestLine, string expectedState)
    {
        var parts = requestLine.Split(' ');
        var target = parts.Length == 3 ? parts[1] : string.Empty;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        if (parts[0] != "GET" || path != CallbackPath)
        {
            _log.Debug("the sign-in callback answered 404 to {Method} {Path}", parts[0], CallbackPage.Sanitise(path, 100));
            return (CallbackPage.NotFound(), null);
        }

        var query = ParseQuery(queryStart < 0 ? string.Empty : target[(queryStart + 1)..]);
        if (!query.TryGetValue("state", out var state) || !StateMatches(state, expectedState))
        {
            _log.Debug("the sign-in callback ignored an answer whose state is missing or does not match");
            return (CallbackPage.WrongState(), null);
        }

        if (query.TryGetValue("error", out var error))
        {
            var code = CallbackPage.Sanitise(error, 64);
            var description = query.TryGetValue("error_description", out var text) ? CallbackPage.Sanitise(text) : null;
            return (CallbackPage.Refused(code, description), new CallbackAnswer(null, code, description));
        }

        return query.TryGetValue("code", out var authorizationCode) && authorizationCode.Length > 0
            ? (CallbackPage.Success(), new CallbackAnswer(new Secret(authorizationCode), null, null))
            : (CallbackPage.NoCode(), null);
    }

    /// <summary>Compared in constant time: the state is what keeps another page from completing our sign-in.</summary>
    private static bool StateMatches(string received, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(expected));

    /// <summary>The first value of each name, form-decoded.</summary>
    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            values.TryAdd(name, eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]));
        }

        return values;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>The request line, once the whole head has arrived; null when the client sent none.</summary>
    private static async Task<string?> ReadRequestLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var head = buffer.AsSpan(0, length);
            if (head.IndexOf("\r\n\r\n"u8) >= 0)
            {
                return Encoding.Latin1.GetString(head[..head.IndexOf("\r\n"u8)]);
            }
        }

        return null;
    }

    private static async Task WriteAsync(NetworkStream stream, (int Status, string Html) page, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(page.Html);
        var reason = page.Status switch
        {
            200 => "OK",
            400 => "Bad Request",
            _ => "Not Found",
        };
        var head = $"HTTP/1.1 {page.Status} {reason}\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + $"Content-Length: {body.Length}\r\n"
            + "Cache-Control: no-store\r\n"
            // The callback URL holds the code: no page it leads to may see it.
            + "Referrer-Policy: no-referrer\r\n"
            + "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
            + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
