using System.Diagnostics;
using System.Text;
using Tmds.DBus.Protocol;

namespace Ssocred.TestSupport;

/// <summary>
/// A Secret Service of the test's own: a private dbus-daemon session bus and a
/// gnome-keyring-daemon on it whose login keyring lives in a temporary HOME, unlocked with a
/// password given on stdin. Nothing of the machine's own session is touched. Needs Debian's
/// dbus-daemon, gnome-keyring and libsecret-tools (.ci/run installs them).
/// </summary>
public sealed class PrivateSecretService : IAsyncDisposable
{
    public const string Password = "test-keyring-password";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _root;
    private Process? _bus;
    private Process? _keyring;

    private PrivateSecretService(string root, string? home)
    {
        _root = root;
        Home = home ?? Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        RuntimeDirectory = Directory.CreateDirectory(Path.Combine(root, "run")).FullName;
        MakePrivate(RuntimeDirectory);
    }

    /// <summary>The bus address, for DBUS_SESSION_BUS_ADDRESS.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>The HOME (and XDG_DATA_HOME below it) where the keyring keeps its files.</summary>
    public string Home { get; }

    public string DataHome => Path.Combine(Home, ".local", "share");

    public string RuntimeDirectory { get; }

    public static bool IsInstalled => File.Exists("/usr/bin/dbus-daemon") && File.Exists("/usr/bin/gnome-keyring-daemon");

    /// <summary>
    /// A bus with a Secret Service on it (unlocked), or, with <paramref name="withKeyring"/> false,
    /// a bus without one. The keyring's files go under <paramref name="home"/> when given (so a
    /// test's scan of its HOME covers them), else under a HOME of its own.
    /// </summary>
    public static async Task<PrivateSecretService> StartAsync(bool withKeyring = true, string? home = null)
    {
        var root = Directory.CreateTempSubdirectory("ssocred-secrets-").FullName;
        MakePrivate(root);
        var service = new PrivateSecretService(root, home);
        try
        {
            await service.StartBusAsync();
            if (withKeyring)
            {
                await service.StartKeyringAsync(unlock: true);
            }

            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>The variables a client needs to find this service.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["DBUS_SESSION_BUS_ADDRESS"] = Address,
        ["XDG_RUNTIME_DIR"] = RuntimeDirectory,
    };

    /// <summary>
    /// Stops the keyring and starts it again without the password: the login collection is then
    /// locked, as after a sign-in that did not unlock it. No prompter runs on this bus, so a
    /// request to unlock is dismissed at once.
    /// </summary>
    public async Task RestartLockedAsync()
    {
        await StopAsync(_keyring);
        _keyring = null;
        await StartKeyringAsync(unlock: false);
    }

    /// <summary>Stops the keyring daemon, leaving the bus: the service is then absent.</summary>
    public async Task StopKeyringAsync()
    {
        await StopAsync(_keyring);
        _keyring = null;
    }

    /// <summary>Runs secret-tool against this service: its exit code and output.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> SecretToolAsync(params string[] args)
    {
        var start = StartInfo("secret-tool", args);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The paths of the items whose attributes match, unlocked or locked (Service.SearchItems).</summary>
    public async Task<string[]> ItemsAsync(params (string Name, string Value)[] attributes)
    {
        using var connection = await ConnectAsync();
        return await connection.CallMethodAsync(SearchItems(connection, attributes), static (message, _) =>
        {
            var reader = message.GetBodyReader();
            return reader.ReadArrayOfObjectPath().Concat(reader.ReadArrayOfObjectPath()).Select(path => path.ToString()).ToArray();
        });
    }

    private static MessageBuffer SearchItems(DBusConnection connection, (string Name, string Value)[] attributes)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader("org.freedesktop.secrets", "/org/freedesktop/secrets", "org.freedesktop.Secret.Service", "SearchItems", "a{ss}");
        var dictionary = writer.WriteDictionaryStart();
        foreach (var (name, value) in attributes)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteString(value);
        }

        writer.WriteDictionaryEnd(dictionary);
        return writer.CreateMessage();
    }

    private static MessageBuffer NameHasOwner(DBusConnection connection, string name)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s");
        writer.WriteString(name);
        return writer.CreateMessage();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_keyring);
        await StopAsync(_bus);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A daemon's last write racing the delete: the temp folder is cleaned by the system.
        }
    }

    private async Task StartBusAsync()
    {
        var config = Path.Combine(_root, "bus.conf");
        // No service directories: nothing is started on demand, so a stopped keyring stays absent.
        await File.WriteAllTextAsync(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:dir={RuntimeDirectory}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """);
        _bus = Process.Start(StartInfo("dbus-daemon", ["--config-file", config, "--nofork", "--print-address=1"]))!;
        _bus.StandardInput.Close();
        _bus.ErrorDataReceived += (_, _) => { };
        _bus.BeginErrorReadLine();
        var line = await _bus.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
        Address = line?.Trim() is { Length: > 0 } address ? address : throw new InvalidOperationException("dbus-daemon printed no address");
    }

    private async Task StartKeyringAsync(bool unlock)
    {
        string[] args = unlock
            ? ["--foreground", "--unlock", "--components=secrets"]
            : ["--foreground", "--components=secrets"];
        var keyring = Process.Start(StartInfo("gnome-keyring-daemon", args))!;
        _keyring = keyring;
        if (unlock)
        {
            await keyring.StandardInput.WriteAsync(Password);
        }

        keyring.StandardInput.Close();
        keyring.OutputDataReceived += (_, _) => { };
        keyring.ErrorDataReceived += (_, _) => { };
        keyring.BeginOutputReadLine();
        keyring.BeginErrorReadLine();
        await WaitForServiceAsync(keyring);
    }

    private async Task WaitForServiceAsync(Process keyring)
    {
        var deadline = Stopwatch.StartNew();
        using var connection = await ConnectAsync();
        while (true)
        {
            if (await connection.CallMethodAsync(NameHasOwner(connection, "org.freedesktop.secrets"), static (message, _) => message.GetBodyReader().ReadBool()))
            {
                return;
            }

            if (keyring.HasExited || deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"gnome-keyring-daemon did not take org.freedesktop.secrets (exited: {keyring.HasExited})");
            }

            await Task.Delay(20);
        }
    }

    private async Task<DBusConnection> ConnectAsync()
    {
        var connection = new DBusConnection(new DBusConnectionOptions(Address) { AutoConnect = false });
        await connection.ConnectAsync();
        return connection;
    }

    private ProcessStartInfo StartInfo(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only this test's bus and HOME: never the machine's own session or keyring.
        start.Environment["DBUS_SESSION_BUS_ADDRESS"] = Address;
        start.Environment["HOME"] = Home;
        start.Environment["XDG_DATA_HOME"] = DataHome;
        start.Environment["XDG_RUNTIME_DIR"] = RuntimeDirectory;
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        return start;
    }

    private static void MakePrivate(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }
}
