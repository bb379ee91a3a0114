using System.Net;
using System.Net.Sockets;
using Ssocred.Diagnostics;
using Ssocred.Errors;

namespace Ssocred.Serving;

/// <summary>
/// A small, strict HTTP/1.1 server on 127.0.0.1 for the container-credentials endpoint. Bound
/// when created (so the port it prints is already its own); each connection is read with a
/// bounded buffer and a deadline per request head, may carry several requests in turn
/// (keep-alive, as SDK connection pools expect), and is closed after any refusal, after a
/// request that announces a body (never read, so never misread as the next request), and when
/// idle. At most <see cref="MaxConnections"/> are served at once; the rest wait in the backlog.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    public const int MaxConnections = 256;

    /// <summary>How long a connection may take to send a request head, or stay idle between requests.</summary>
    public static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly Func<HttpRequestHead, CancellationToken, Task<HttpResponse>> _answer;
    private readonly TimeProvider _time;
    private readonly ILog _log;
    private readonly SemaphoreSlim _slots = new(MaxConnections, MaxConnections);

    private LoopbackHttpServer(Socket listener, Func<HttpRequestHead, CancellationToken, Task<HttpResponse>> answer, TimeProvider time, ILog log)
    {
        _listener = listener;
        _answer = answer;
        _time = time;
        _log = log;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Binds 127.0.0.1 on the port (0: any free one).</summary>
    /// <exception cref="SsocredException">The port is taken or may not be used.</exception>
    public static LoopbackHttpServer Bind(int port, Func<HttpRequestHead, CancellationToken, Task<HttpResponse>> answer, TimeProvider time, ILog log)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(512);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            var why = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "it is already in use" : e.Message;
            throw new SsocredException(
                $"cannot serve credentials on 127.0.0.1:{port}: {why}",
                port == 0 ? "check that 127.0.0.1 is available" : "choose another --port, or stop the program that uses it",
                inner: e);
        }

        return new LoopbackHttpServer(listener, answer, time, log);
    }

    /// <summary>Serves until cancelled; then stops accepting and waits for the connections in progress.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var connections = new HashSet<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await _slots.WaitAsync(stop).ConfigureAwait(false);
                Socket client;
                try
                {
                    client = await _listener.AcceptAsync(stop).ConfigureAwait(false);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }

                var connection = Task.Run(() => ServeAsync(client, stop), CancellationToken.None);
                lock (connections)
                {
                    connections.Add(connection);
                }

                _ = connection.ContinueWith(
                    done =>
                    {
                        lock (connections)
                        {
                            connections.Remove(done);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        await Task.WhenAll(open).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _slots.Dispose();
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        try
        {
            client.NoDelay = true;
            var buffer = new byte[HttpHeadParser.MaxHeadBytes];
            var filled = 0;
            while (true)
            {
                HttpRequestHead request;
                int headLength;
                using (var deadline = new CancellationTokenSource(HeadTimeout, _time))
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop))
                {
                    (headLength, filled) = await ReadHeadAsync(client, buffer, filled, either.Token).ConfigureAwait(false);
                    if (headLength == 0)
                    {
                        return; // closed by the client, or idle past the deadline
                    }

                    if (headLength < 0)
                    {
                        await SendAsync(client, HttpResponse.Error(431, "RequestHeadTooLarge", "the request head is too long"), stop).ConfigureAwait(false);
                        return;
                    }

                    try
                    {
                        request = HttpHeadParser.Parse(buffer.AsSpan(0, headLength));
                    }
                    catch (BadRequestException e)
                    {
                        _log.Debug("refused a malformed request ({Status}): {Reason}", e.Status, e.Message);
                        await SendAsync(client, HttpResponse.Error(e.Status, "BadRequest", e.Message), stop).ConfigureAwait(false);
                        return;
                    }
                }

                var response = await _answer(request, stop).ConfigureAwait(false);
                var keepAlive = request.KeepsAlive && !request.AnnouncesBody && !response.Close;
                await SendAsync(client, response with { Close = !keepAlive }, stop).ConfigureAwait(false);
                if (!keepAlive)
                {
                    return;
                }

                // A pipelined next request may already be in the buffer.
                buffer.AsSpan(headLength, filled - headLength).CopyTo(buffer);
                filled -= headLength;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            _log.Debug("a connection to the credential endpoint ended early: {Reason}", e.Message);
        }
        finally
        {
            client.Dispose();
            _slots.Release();
        }
    }

    /// <summary>
    /// Reads until a whole head is in the buffer: (its length, bytes in the buffer); length 0 when
    /// the client closed or the deadline passed first, -1 when the head outgrew the buffer.
    /// </summary>
    private static async Task<(int HeadLength, int Filled)> ReadHeadAsync(Socket client, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = HttpHeadParser.FindEnd(buffer.AsSpan(0, filled));
            if (end > 0)
            {
                return (end, filled);
            }

            if (filled == buffer.Length)
            {
                return (-1, filled);
            }

            int read;
            try
            {
                read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return (0, filled);
            }

            if (read == 0)
            {
                return (0, filled);
            }

            filled += read;
        }
    }

    private static async Task SendAsync(Socket client, HttpResponse response, CancellationToken cancellationToken)
    {
        var bytes = response.Render(keepAlive: !response.Close);
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await client.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        if (response.Close)
        {
            client.Shutdown(SocketShutdown.Send);
            await DrainAsync(client).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads what the client still sends (a body we never wanted) for a moment before closing:
    /// closing with unread bytes makes the OS reset the connection, and the client could lose
    /// the answer it was just sent.
    /// </summary>
    private static async Task DrainAsync(Socket client)
    {
        var scratch = new byte[4096];
        using var linger = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        for (var total = 0; total < 64 * 1024;)
        {
            var read = await client.ReceiveAsync(scratch, SocketFlags.None, linger.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            total += read;
        }
    }
}
