using System.Diagnostics;
using System.Text;
using Ssocred.Serving;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Serving;

/// <summary>The credential endpoint's request-head parser: what SDKs send is read, anything unusual refused.</summary>
public class HttpHeadParserTests
{
    private const string BotocoreHead = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept-Encoding: identity\r\nUser-Agent: Botocore/1.43\r\nAccept: application/json\r\nAuthorization: tok\r\n\r\n";

    [Test]
    public void An_sdk_request_is_read_with_its_method_target_and_headers()
    {
        var head = HttpHeadParser.Parse(Encoding.ASCII.GetBytes(BotocoreHead));

        Assert.Multiple(() =>
        {
            Assert.That(head.Method, Is.EqualTo("GET"));
            Assert.That(head.Target, Is.EqualTo("/"));
            Assert.That(head.IsHttp11, Is.True);
            Assert.That(head.Header("authorization"), Is.EqualTo("tok"), "names are case-insensitive");
            Assert.That(head.Header("Origin"), Is.Null);
            Assert.That(head.KeepsAlive, Is.True);
            Assert.That(head.AnnouncesBody, Is.False);
        });
    }

    [TestCase("GET /creds?x=1 HTTP/1.0\r\n\r\n", false, TestName = "HTTP/1.0 without Host, closing")]
    [TestCase("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n", false, TestName = "Connection: close among other tokens")]
    [TestCase("GET / HTTP/1.1\r\nhost:h\r\nAuthorization:\t tok \t\r\n\r\n", true, TestName = "no space after the colon, tabs around the value")]
    public void Valid_variations_are_read(string text, bool keepsAlive)
    {
        var head = HttpHeadParser.Parse(Encoding.ASCII.GetBytes(text));

        Assert.That(head.KeepsAlive, Is.EqualTo(keepsAlive));
        if (head.Header("Authorization") is { } authorization)
        {
            Assert.That(authorization, Is.EqualTo("tok"), "optional whitespace trimmed");
        }
    }

    [TestCase("GET / HTTP/1.1\nHost: h\n\n", 400, TestName = "bare LF line ends")]
    [TestCase("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n", 400, TestName = "a folded header line")]
    [TestCase("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400, TestName = "whitespace before the colon")]
    [TestCase("GET / HTTP/1.1\r\nHost h\r\n\r\n", 400, TestName = "a header line without a colon")]
    [TestCase("GET / HTTP/1.1\r\n: h\r\n\r\n", 400, TestName = "an empty header name")]
    [TestCase("GET / HTTP/1.1\r\nHo(st: h\r\n\r\n", 400, TestName = "a header name that is not a token")]
    [TestCase("GET / HTTP/1.1\r\nHost: h\0x\r\n\r\n", 400, TestName = "a NUL in a value")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400, TestName = "a bare CR in a value")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", 400, TestName = "a bare LF in a value")]
    [TestCase("GET / HTTP/1.1\r\n\r\n", 400, TestName = "HTTP/1.1 without Host")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, TestName = "two Host headers")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: x\r\nAuthorization: y\r\n\r\n", 400, TestName = "two Authorization headers")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", 400, TestName = "two Content-Length headers")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400, TestName = "a negative Content-Length")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\n", 400, TestName = "a list as Content-Length")]
    [TestCase("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400, TestName = "Content-Length and Transfer-Encoding")]
    [TestCase("GET http://127.0.0.1/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, TestName = "an absolute target")]
    [TestCase("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 400, TestName = "an asterisk target")]
    [TestCase("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", 400, TestName = "a space in the target")]
    [TestCase("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400, TestName = "two spaces after the method")]
    [TestCase("GET /\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", 400, TestName = "a raw non-ASCII byte in the target")]
    [TestCase("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400, TestName = "a method that is not a token")]
    [TestCase("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505, TestName = "HTTP/2.0 in a head")]
    [TestCase("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400, TestName = "a space after the version")]
    [TestCase("GET / http/1.1\r\nHost: a\r\n\r\n", 400, TestName = "a lower-case version")]
    [TestCase("GET /\r\n\r\n", 400, TestName = "HTTP/0.9")]
    [TestCase("\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 400, TestName = "an empty line before the request line")]
    public void Malformed_heads_are_refused_with_a_status(string text, int status)
    {
        var error = Assert.Throws<BadRequestException>(() => HttpHeadParser.Parse(Encoding.Latin1.GetBytes(text)));

        Assert.That(error!.Status, Is.EqualTo(status), error.Message);
    }

    [Test]
    public void A_head_longer_than_the_limit_or_with_too_many_lines_is_431()
    {
        var longValue = "GET / HTTP/1.1\r\nHost: a\r\nX: " + new string('a', HttpHeadParser.MaxHeadBytes) + "\r\n\r\n";
        var manyLines = "GET / HTTP/1.1\r\nHost: a\r\n" + string.Concat(Enumerable.Range(0, HttpHeadParser.MaxHeaders + 1).Select(i => $"X{i}: v\r\n")) + "\r\n";

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<BadRequestException>(() => HttpHeadParser.Parse(Encoding.ASCII.GetBytes(longValue)))!.Status, Is.EqualTo(431));
            Assert.That(Assert.Throws<BadRequestException>(() => HttpHeadParser.Parse(Encoding.ASCII.GetBytes(manyLines)))!.Status, Is.EqualTo(431));
        });
    }

    [Test]
    public void A_body_is_announced_by_a_non_zero_content_length_or_a_transfer_encoding()
    {
        HttpRequestHead Head(string extra) => HttpHeadParser.Parse(Encoding.ASCII.GetBytes($"POST / HTTP/1.1\r\nHost: a\r\n{extra}\r\n"));

        Assert.Multiple(() =>
        {
            Assert.That(Head("Content-Length: 0\r\n").AnnouncesBody, Is.False);
            Assert.That(Head("Content-Length: 12\r\n").AnnouncesBody, Is.True);
            Assert.That(Head("Transfer-Encoding: chunked\r\n").AnnouncesBody, Is.True);
        });
    }

    /// <summary>
    /// Seeded mutations (flips, cuts, insertions, duplications) of real SDK heads: each is read or
    /// refused with a status, never another exception; and whatever is read keeps its promises
    /// (a token method, a path target, no control character in any value).
    /// </summary>
    [Test]
    public void Mutated_heads_are_read_or_refused_never_an_exception()
    {
        const int Cases = 20_000;
        string[] seeds =
        [
            BotocoreHead,
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: Go-http-client/1.1\r\nAuthorization: tok\r\nAccept-Encoding: gzip\r\n\r\n",
            "GET / HTTP/1.1\r\nAuthorization: tok\r\nhost: 127.0.0.1:8080\r\nConnection: keep-alive\r\n\r\n",
            "POST /x HTTP/1.0\r\nContent-Length: 5\r\nOrigin: http://evil.example\r\n\r\n",
        ];
        var mutator = new Mutator(20261201);
        var (read, refused) = (0, 0);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Cases; i++)
        {
            var bytes = mutator.Mutate(Encoding.ASCII.GetBytes(seeds[i % seeds.Length]));
            try
            {
                var head = HttpHeadParser.Parse(bytes);
                read++;
                Assert.That(head.Target, Does.StartWith("/"), Encoding.Latin1.GetString(bytes));
                Assert.That(head.Headers.Select(h => h.Value), Has.None.Match("[\\x00-\\x08\\x0a-\\x1f\\x7f]"), Encoding.Latin1.GetString(bytes));
            }
            catch (BadRequestException e)
            {
                refused++;
                Assert.That(e.Status, Is.AnyOf(400, 431, 505));
            }
        }

        TestContext.Out.WriteLine($"{Cases} mutated heads: {read} read, {refused} refused, in {clock.ElapsedMilliseconds} ms");
        Assert.That(read, Is.GreaterThan(0), "some mutations stay valid, so the check that reads them runs");
    }
}
