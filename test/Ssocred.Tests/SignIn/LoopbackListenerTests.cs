using System.Net;
using System.Net.Sockets;
using System.Text;
using Ssocred.Errors;
using Ssocred.SignIn;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.SignIn;

/// <summary>The PKCE callback listener, over real sockets on 127.0.0.1.</summary>
public class LoopbackListenerTests
{
    private const string State = "expected-state_0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public void It_binds_127_0_0_1_only_and_names_the_port_in_its_redirect_uri()
    {
        using var listener = LoopbackListener.Bind(null, TimeProvider.System, new RecordingLog());

        Assert.Multiple(() =>
        {
            Assert.That(listener.Port, Is.GreaterThan(0));
            Assert.That(listener.RedirectUri, Is.EqualTo($"http://127.0.0.1:{listener.Port}/oauth/callback"));
            Assert.That(ListeningAddresses(listener.Port), Is.EqualTo(new[] { IPAddress.Loopback }), "not 0.0.0.0, not ::");
        });
    }

    [Test]
    public async Task The_right_state_and_a_code_end_the_wait_with_a_success_page()
    {
        using var listener = LoopbackListener.Bind(null, TimeProvider.System, new RecordingLog());
        var waiting = listener.WaitForCallbackAsync(State, CancellationToken.None);

        var (status, body) = await GetAsync(listener.Port, $"/oauth/callback?code=the%2Bcode&state={State}");
        var answer = await waiting.WaitAsync(Patience);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body, Does.Contain("Signed in"));
            Assert.That(answer.Code!.Value.Reveal(), Is.EqualTo("the+code"));
            Assert.That(answer.Error, Is.Null);
        });
    }

    [Test]
    public async Task Other_paths_and_methods_get_404_and_change_nothing()
    {
        using var listener = LoopbackListener.Bind(null, TimeProvider.System, new RecordingLog());
        var waiting = listener.WaitForCallbackAsync(State, CancellationToken.None);

        var favicon = await GetAsync(listener.Port, "/favicon.ico");
        var prefix = await GetAsync(listener.Port, $"/oauth/callbackx?code=c&state={State}");
        var post = await SendAsync(listener.Port, $"POST /oauth/callback?code=c&state={State} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        await Task.Delay(100);

        Assert.Multiple(() =>
        {
            Assert.That(favicon.Status, Is.EqualTo(404));
            Assert.That(prefix.Status, Is.EqualTo(404));
            Assert.That(post.Status, Is.EqualTo(404));
            Assert.That(waiting.IsCompleted, Is.False, "still waiting");
        });
    }

    [Test]
    public async Task A_wrong_or_missing_state_is_rejected_and_the_listener_keeps_waiting_for_the_right_one()
    {
        using var listener = LoopbackListener.Bind(null, TimeProvider.System, new RecordingLog());
        var waiting = listener.WaitForCallbackAsync(State, CancellationToken.None);

        var wrong = await GetAsync(listener.Port, "/oauth/callback?code=forged&state=not-ours");
        var missing = await GetAsync(listener.Port, "/oauth/callback?code=forged");
        var prefixOfOurs = await GetAsync(listener.Port, $"/oauth/callback?code=forged&state={State[..^1]}");
        var forgedError = await GetAsync(listener.Port, "/oauth/callback?error=access_denied&state=nope");
        await Task.Delay(100);
        var stillWaiting = !waiting.IsCompleted;
        var right = await GetAsync(listener.Port, $"/oauth/callback?code=real&state={State}");
        var answer = await waiting.WaitAsync(Patience);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { wrong.Status, missing.Status, prefixOfOurs.Status, forgedError.Status }, Is.All.EqualTo(400));
            Assert.That(wrong.Body, Does.Contain("does not match"));
            Assert.That(stillWaiting, Is.True);
            Assert.That(right.Status, Is.EqualTo(200));
            Assert.That(answer.Code!.Value.Reveal(), Is.EqualTo("real"));
        });
    }

    [Test]
    public async Task An_error_with_the_right_state_ends_the_wait_with_a_sanitised_explanation()
    {
        using var listener = LoopbackListener.Bind(null, TimeProvider.System, new RecordingLog());
        var waiting = listener.WaitForCallbackAsync(State, CancellationToken.None);

        var (status, body) = await GetAsync(listener.Port, $"/oauth/callback?error=access_denied%1B%5B31m&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E%0Anext&state={State}");
        var answer = await waiting.WaitAsync(Patience);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body, Does.Contain("access_denied[31m").And.Contain("&lt;script&gt;").And.Not.Contain("<script>"));
            Assert.That(body, Does.Contain("ssocred login"), "says what to do");
            Assert.That(answer.Code, Is.Null);
            Assert.That(answer.Error, Is.EqualTo("access_denied[31m"), "no escape character reaches the terminal");
            Assert.That(answer.ErrorDescription, Is.EqualTo("<script>alert(1)</script>next"));
        });
    }

    [Test]
    public async Task An_idle_connection_does_not_hold_up_the_callback()
    {
        using var listener = LoopbackListener.Bind(null, TimeProvider.System, new RecordingLog());
        var waiting = listener.WaitForCallbackAsync(State, CancellationToken.None);
        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, listener.Port);

        var (status, _) = await GetAsync(listener.Port, $"/oauth/callback?code=c&state={State}");

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That((await waiting.WaitAsync(Patience)).Code, Is.Not.Null);
        });
    }

    [Test]
    public void A_taken_port_is_an_error_that_names_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = Assert.Throws<SsocredException>(() => LoopbackListener.Bind(port, TimeProvider.System, new RecordingLog()).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("in use"));
            Assert.That(error.Hint, Does.Contain("--callback-port"));
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.Failure));
        });
    }

    [Test]
    public void Cancellation_ends_the_wait()
    {
        using var listener = LoopbackListener.Bind(null, TimeProvider.System, new RecordingLog());
        using var cancel = new CancellationTokenSource();
        var waiting = listener.WaitForCallbackAsync(State, cancel.Token);

        cancel.Cancel();

        Assert.That(async () => await waiting.WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
    }

    private static Task<(int Status, string Body)> GetAsync(int port, string target) =>
        SendAsync(port, $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/html\r\n\r\n");

    private static async Task<(int Status, string Body)> SendAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(Patience);
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    /// <summary>The local addresses listening on the port, from /proc/net/tcp and tcp6 (Linux).</summary>
    private static IPAddress[] ListeningAddresses(int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("reads /proc/net");
        }

        var found = new List<IPAddress>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == "0A" && Convert.ToInt32(local[1], 16) == port)
                {
                    var bytes = Convert.FromHexString(local[0]);
                    // /proc prints each 32-bit word in host (little-endian) order.
                    for (var i = 0; i < bytes.Length; i += 4)
                    {
                        Array.Reverse(bytes, i, 4);
                    }

                    found.Add(new IPAddress(bytes));
                }
            }
        }

        return [.. found];
    }
}
