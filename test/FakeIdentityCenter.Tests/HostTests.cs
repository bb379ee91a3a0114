using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FakeIdentityCenter.Tests;

/// <summary>The runnable host: the listening line, flags, the control API, quiet stderr, exit on SIGTERM.</summary>
public sealed class HostTests
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "FakeIdentityCenter.dll");

    [Test]
    public async Task Prints_the_listening_line_serves_with_its_flags_and_exits_on_SIGTERM()
    {
        await using var running = new RunningHost("--port", "0", "--page-size", "1", "--credentials-lifetime", "900", "--token-lifetime", "60");
        var host = running.Process;
        var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(line, Does.Match(@"^listening on http://127\.0\.0\.1:\d+$"));
        var endpoint = line!["listening on ".Length..];

        using var http = new HttpClient { BaseAddress = new Uri(endpoint), Timeout = TimeSpan.FromSeconds(10) };
        using var seededAnswer = await http.PostAsync(new Uri("/__fake/token", UriKind.Relative), null);
        using var seeded = JsonDocument.Parse(await seededAnswer.Content.ReadAsStringAsync());
        var accessToken = seeded.RootElement.GetProperty("accessToken").GetString()!;
        var expiresAt = DateTimeOffset.Parse(seeded.RootElement.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var page = await http.GetFromJsonElementAsync($"/assignment/accounts?max_result=10", accessToken);
        var credentials = await http.GetFromJsonElementAsync("/federation/credentials?role_name=ReadOnly&account_id=111122223333", accessToken);
        var calls = JsonDocument.Parse(await http.GetStringAsync(new Uri("/__fake/calls", UriKind.Relative))).RootElement;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expiresAt, Is.EqualTo(DateTimeOffset.UtcNow.AddSeconds(60)).Within(TimeSpan.FromSeconds(30)));
            Assert.That(page.GetProperty("accountList").GetArrayLength(), Is.EqualTo(1), "--page-size 1 overrides max_result");
            Assert.That(page.GetProperty("nextToken").GetString(), Is.Not.Empty);
            Assert.That(
                DateTimeOffset.FromUnixTimeMilliseconds(credentials.GetProperty("roleCredentials").GetProperty("expiration").GetInt64()),
                Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(15)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(calls.GetProperty("calls").GetProperty("ListAccounts").GetInt32(), Is.EqualTo(1));
        }

        await running.TerminateAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.ExitCode, Is.Zero);
            Assert.That(await host.StandardOutput.ReadToEndAsync(), Is.Empty, "exactly one line on stdout");
            Assert.That(await host.StandardError.ReadToEndAsync(), Is.Empty, "no log chatter below warning level");
        }
    }

    [Test]
    public async Task Auto_approve_flag_and_fixed_port_serve_the_real_SDK()
    {
        var port = FreePort();
        await using var running = new RunningHost("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--auto-approve", "--device-interval", "2");
        var line = await running.Process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(line, Is.EqualTo($"listening on http://127.0.0.1:{port}"));

        using var browser = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var oidc = new Amazon.SSOOIDC.AmazonSSOOIDCClient(
            new Amazon.Runtime.AnonymousAWSCredentials(),
            new Amazon.SSOOIDC.AmazonSSOOIDCConfig { ServiceURL = $"http://127.0.0.1:{port}", AuthenticationRegion = "us-east-1" });
        var client = await TestSupport.RegisterAsync(oidc);
        var device = await TestSupport.StartDeviceAsync(oidc, client);
        Assert.That(device.Interval, Is.EqualTo(2));
        await browser.GetStringAsync(new Uri(device.VerificationUriComplete));
        var token = await TestSupport.PollAsync(oidc, client, device.DeviceCode);
        Assert.That(token.AccessToken, Does.Contain(FakeIdentityCenterServer.LeakMarker));

        await running.TerminateAsync();
        Assert.That(running.Process.ExitCode, Is.Zero);
    }

    [TestCase("--bogus", 2)]
    [TestCase("--port", 2)]
    [TestCase("--help", 0)]
    public async Task Usage_errors_exit_two_and_help_exits_zero(string argument, int exitCode)
    {
        var run = await External.RunAsync("dotnet", [HostDll, argument], deadline: TimeSpan.FromSeconds(30));

        Assert.That(run.ExitCode, Is.EqualTo(exitCode));
        Assert.That(exitCode == 0 ? run.StandardOutput : run.StandardError, Does.Contain("--auto-approve"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The host as a child process; killed on dispose if it is still running.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    public RunningHost(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FakeIdentityCenter.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process = Process.Start(start)!;
    }

    public Process Process { get; }

    /// <summary>SIGTERM, then wait for the exit.</summary>
    public async Task TerminateAsync()
    {
        await External.RunAsync("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }
}

internal static class PortalHttp
{
    /// <summary>A raw portal GET with the bearer header, as the SDKs send it.</summary>
    public static async Task<JsonElement> GetFromJsonElementAsync(this HttpClient http, string pathAndQuery, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
        request.Headers.Add("x-amz-sso_bearer_token", accessToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
