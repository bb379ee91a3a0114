using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Serving;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Serving;

/// <summary>The container-credentials endpoint over real sockets on 127.0.0.1: the protocol, refusals, framing and limits.</summary>
public class LoopbackHttpServerTests
{
    private const string AccountId = "111122223333";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly RoleCredentials _credentials = new(
        "ASIASERVEDSERVED0001", new Secret("sk_LEAKMARK_served"), new Secret("st_LEAKMARK_served"), DateTimeOffset.UtcNow.AddHours(1));

    private int _fetches;

    [SetUp]
    public void ResetFetches() => _fetches = 0;

    [Test]
    public async Task The_right_token_gets_the_credentials_as_json()
    {
        await using var server = await Start();

        var (status, headers, body) = await Exchange(server.Port, Get(server));

        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "AccountId" }));
            Assert.That(json["SecretAccessKey"]!.GetValue<string>(), Is.EqualTo("sk_LEAKMARK_served"));
            Assert.That(json["Token"]!.GetValue<string>(), Is.EqualTo("st_LEAKMARK_served"));
            Assert.That(json["Expiration"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(json["AccountId"]!.GetValue<string>(), Is.EqualTo(AccountId));
            Assert.That(headers, Does.Contain("Cache-Control: no-store"));
            Assert.That(headers, Does.Contain("Content-Type: application/json"));
        });
    }

    [Test]
    public async Task Any_path_is_served()
    {
        await using var server = await Start();

        var (status, _, _) = await Exchange(server.Port, Get(server, "/v2/credentials/anything?x=1"));

        Assert.That(status, Is.EqualTo(200));
    }

    [TestCase(null, TestName = "no Authorization header")]
    [TestCase("wrong", TestName = "a wrong token")]
    [TestCase("PREFIX", TestName = "a prefix of the token")]
    [TestCase("TOKENx", TestName = "the token with a byte more")]
    [TestCase("Bearer TOKEN", TestName = "the token as a Bearer credential")]
    public async Task A_missing_or_wrong_token_is_401_without_credentials(string? authorization)
    {
        await using var server = await Start();
        var token = server.Token;
        var presented = authorization?.Replace("PREFIX", token[..^1], StringComparison.Ordinal).Replace("TOKEN", token, StringComparison.Ordinal);
        var header = presented is null ? string.Empty : $"Authorization: {presented}\r\n";

        var (status, _, body) = await Exchange(server.Port, $"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{header}\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(401));
            Assert.That(body, Does.Not.Contain("LEAKMARK"));
            Assert.That(JsonNode.Parse(body)!["code"]!.GetValue<string>(), Is.EqualTo("Unauthorized"));
            Assert.That(_fetches, Is.Zero, "refused before credentials are touched");
        });
    }

    [Test]
    public async Task A_request_with_an_origin_header_is_403_even_with_the_right_token()
    {
        await using var server = await Start();

        var (status, _, body) = await Exchange(server.Port, $"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://rebound.example\r\nAuthorization: {server.Token}\r\n\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(403));
            Assert.That(body, Does.Not.Contain("LEAKMARK"));
            Assert.That(_fetches, Is.Zero);
        });
    }

    [TestCase("POST")]
    [TestCase("PUT")]
    [TestCase("HEAD")]
    [TestCase("DELETE")]
    [TestCase("OPTIONS")]
    public async Task Other_methods_are_405(string method)
    {
        await using var server = await Start();

        var (status, headers, body) = await Exchange(server.Port, $"{method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {server.Token}\r\nContent-Length: 4\r\n\r\nbody");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(405));
            Assert.That(headers, Does.Contain("Allow: GET"));
            Assert.That(body, Does.Not.Contain("LEAKMARK"));
        });
    }

    [Test]
    public async Task A_failing_credential_path_is_500_with_a_code_and_the_message()
    {
        await using var server = await Start(_ => throw new SsocredException("no valid SSO session for 'corp'", "run: ssocred login --profile demo"));

        var (status, _, body) = await Exchange(server.Port, Get(server));

        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(500));
            Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "code", "message" }));
            Assert.That(json["message"]!.GetValue<string>(), Does.Contain("run: ssocred login --profile demo"));
        });
    }

    [Test]
    public async Task Fifty_requests_at_once_make_one_fetch()
    {
        var release = new TaskCompletionSource();
        await using var server = await Start(async _ =>
        {
            await release.Task;
            return _credentials;
        });

        var requests = Enumerable.Range(0, 50).Select(_ => Exchange(server.Port, Get(server))).ToList();
        await Task.Delay(200);
        release.SetResult();
        var answers = await Task.WhenAll(requests);

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(200));
            Assert.That(_fetches, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Credentials_with_less_than_the_margin_left_are_fetched_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Start(time: time);

        await Exchange(server.Port, Get(server));
        await Exchange(server.Port, Get(server));
        var fetchesWhileFresh = _fetches;
        time.Advance(TimeSpan.FromMinutes(46)); // 14 minutes left of the hour, margin 15
        await Exchange(server.Port, Get(server));

        Assert.Multiple(() =>
        {
            Assert.That(fetchesWhileFresh, Is.EqualTo(1));
            Assert.That(_fetches, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_kept_alive_connection_serves_requests_in_turn_and_pipelined()
    {
        await using var server = await Start();
        using var client = await Connect(server.Port);
        var stream = client.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Get(server) + Get(server)));
        var first = await ReadResponse(stream);
        var second = await ReadResponse(stream);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Get(server)));
        var third = await ReadResponse(stream);

        Assert.That(new[] { first.Status, second.Status, third.Status }, Is.All.EqualTo(200));
    }

    [TestCase("GET / HTTP/1.0\r\nAuthorization: TOKEN\r\n\r\n", 200, TestName = "HTTP/1.0")]
    [TestCase("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\nAuthorization: TOKEN\r\n\r\n", 200, TestName = "Connection: close")]
    [TestCase("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nAuthorization: TOKEN\r\n\r\nabc", 200, TestName = "a GET announcing a body")]
    [TestCase("GET / HTTP/1.1\r\nHost: h\r\n folded: x\r\nAuthorization: TOKEN\r\n\r\n", 400, TestName = "a malformed head")]
    [TestCase("GET / HTTP/1.1\r\nHost: h\r\n\r\n", 401, TestName = "a refusal")]
    public async Task The_connection_closes_after(string request, int status)
    {
        await using var server = await Start();
        using var client = await Connect(server.Port);
        var stream = client.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Replace("TOKEN", server.Token, StringComparison.Ordinal)));
        var response = await ReadResponse(stream);
        var rest = await ReadToEnd(stream);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.Headers, Does.Contain("Connection: close"));
            Assert.That(rest, Is.Empty, "closed: nothing more, and the body was never read as a request");
        });
    }

    [Test]
    public async Task A_head_longer_than_8_KiB_is_431_and_closed()
    {
        await using var server = await Start();

        var (status, _, _) = await Exchange(server.Port, $"GET / HTTP/1.1\r\nHost: h\r\nX: {new string('a', 9000)}\r\n\r\n");

        Assert.That(status, Is.EqualTo(431));
    }

    [Test]
    public async Task A_connection_that_never_finishes_its_head_is_closed_at_the_deadline()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Start(time: time);
        using var slow = await Connect(server.Port);
        await slow.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: h\r\n"u8.ToArray());
        await Task.Delay(100);

        time.Advance(LoopbackHttpServer.HeadTimeout);
        var rest = await ReadToEnd(slow.GetStream());

        Assert.That(rest, Is.Empty, "closed without an answer");
    }

    [Test]
    public async Task It_binds_127_0_0_1_only_and_a_taken_port_is_an_error_naming_it()
    {
        await using var server = await Start();
        using var other = new TcpClient();

        var error = Assert.Throws<SsocredException>(() => ContainerCredentialServer.Bind(server.Port, _ => Task.FromResult(_credentials), AccountId, TimeSpan.FromMinutes(15), TimeProvider.System, new RecordingLog()));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain($"127.0.0.1:{server.Port}").And.Contain("in use"));
            Assert.That(error.Hint, Does.Contain("--port"));
            Assert.That(async () => await other.ConnectAsync(IPAddress.IPv6Loopback, server.Port), Throws.InstanceOf<SocketException>(), "not on ::1");
        });
    }

    /// <summary>
    /// Seeded mutations of an authorised SDK request sent over real sockets: every connection gets
    /// one well-formed answer or is closed, and credentials only ever go to a request that still
    /// carries the token as its whole Authorization value, has no Origin and says GET.
    /// </summary>
    [Test]
    public async Task Mutated_requests_get_an_answer_or_a_close_and_credentials_only_when_authorised()
    {
        const int Cases = 400;
        await using var server = await Start();
        var seed = Encoding.ASCII.GetBytes(Get(server));
        var mutator = new Mutator(20261202);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Cases; i++)
        {
            var request = mutator.Mutate(seed);
            using var client = await Connect(server.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(request);
            client.Client.Shutdown(SocketShutdown.Send);
            var answer = await ReadToEnd(stream);
            if (answer.Length == 0)
            {
                statuses[0] = statuses.GetValueOrDefault(0) + 1;
                continue;
            }

            var status = int.Parse(answer.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.That(status, Is.AnyOf(200, 400, 401, 403, 405, 431, 505), answer);
            if (status == 200)
            {
                var head = HttpHeadParser.Parse(request.AsSpan(0, HttpHeadParser.FindEnd(request)));
                Assert.Multiple(() =>
                {
                    Assert.That(head.Header("Authorization"), Is.EqualTo(server.Token));
                    Assert.That(head.Method, Is.EqualTo("GET"));
                    Assert.That(head.Has("Origin"), Is.False);
                });
            }
        }

        TestContext.Out.WriteLine($"{Cases} mutated requests: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "closed" : s.Key)}: {s.Value}")));
        Assert.That(statuses.Keys, Does.Contain(200).And.Contain(400), "both outcomes occur, so both checks run");
    }

    private async Task<RunningServer> Start(Func<CancellationToken, Task<RoleCredentials>>? fetch = null, TimeProvider? time = null)
    {
        var server = ContainerCredentialServer.Bind(
            0,
            cancel =>
            {
                Interlocked.Increment(ref _fetches);
                return fetch is null ? Task.FromResult(_credentials) : fetch(cancel);
            },
            AccountId,
            TimeSpan.FromMinutes(15),
            time ?? TimeProvider.System,
            new RecordingLog());
        var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);
        await Task.Yield();
        return new RunningServer(server, stop, running);
    }

    private static string Get(RunningServer server, string target = "/") =>
        $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nAuthorization: {server.Token}\r\n\r\n";

    private static async Task<TcpClient> Connect(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    private static async Task<(int Status, string Headers, string Body)> Exchange(int port, string request)
    {
        using var client = await Connect(port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        return await ReadResponse(stream);
    }

    /// <summary>One response, read by its Content-Length (the connection may stay open).</summary>
    private static async Task<(int Status, string Headers, string Body)> ReadResponse(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one).AsTask().WaitAsync(Patience) == 0)
            {
                throw new AssertionException("closed before a whole response head: " + Encoding.ASCII.GetString([.. head]));
            }

            head.Add(one[0]);
        }

        var headers = Encoding.ASCII.GetString([.. head]);
        var length = int.Parse(headers.Split("\r\n").Single(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal))[16..], System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body).AsTask().WaitAsync(Patience);
        return (int.Parse(headers.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, Encoding.UTF8.GetString(body));
    }

    private static async Task<string> ReadToEnd(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            return await reader.ReadToEndAsync().WaitAsync(Patience);
        }
        catch (IOException)
        {
            return string.Empty; // reset: closed all the same
        }
    }

    private sealed class RunningServer(ContainerCredentialServer server, CancellationTokenSource stop, Task running) : IAsyncDisposable
    {
        public int Port => server.Port;

        public string Token => server.Variables.Single(v => v.Key == ContainerCredentialServer.TokenVariable).Value;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running.WaitAsync(Patience);
            server.Dispose();
            stop.Dispose();
        }
    }
}
