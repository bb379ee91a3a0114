using System.Diagnostics;
using System.Text.Json.Nodes;
using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>
/// SPEC §7, <c>ssocred exec</c>: the command's environment, its exit status (its own, 128+N for a
/// signal, 126/127), no shell, nothing of ours on stdout, signals, nesting, and --server.
/// </summary>
internal sealed class ExecCommandTests : EndToEndTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_command_gets_the_fakes_credentials_and_the_profile_name_and_everything_else_unchanged()
    {
        SeedToken(TimeSpan.FromHours(4));
        var environment = Environment();
        environment["SOMETHING_ELSE"] = "kept as it was";
        environment["AWS_PROFILE"] = "whatever";

        var run = await RunWith(environment, "exec", "--profile", "demo-sso", "--", "env");

        var child = ParseEnv(run.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stderr, Is.Empty);
            Assert.That(child["AWS_ACCESS_KEY_ID"], Does.StartWith("ASIA"));
            Assert.That(Fake.IssuedSecrets, Does.Contain(child["AWS_SECRET_ACCESS_KEY"]));
            Assert.That(Fake.IssuedSecrets, Does.Contain(child["AWS_SESSION_TOKEN"]));
            Assert.That(child["AWS_CREDENTIAL_EXPIRATION"], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(child["SSOCRED_PROFILE"], Is.EqualTo("demo-sso"));
            Assert.That(child["SOMETHING_ELSE"], Is.EqualTo("kept as it was"));
            Assert.That(child["AWS_PROFILE"], Is.EqualTo("whatever"));
            Assert.That(child["HOME"], Is.EqualTo(Home.Root));
            Assert.That(child.ContainsKey("AWS_REGION"), Is.False, "the profile has no region");
        });
    }

    [Test]
    public async Task The_profiles_region_is_set_unless_the_environment_has_aws_region()
    {
        Home.WriteConfig(StandardConfig.Replace("sso_role_name = AdministratorAccess", "sso_role_name = AdministratorAccess\nregion = eu-west-3", StringComparison.Ordinal));
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var preset = Environment();
        preset["AWS_REGION"] = "us-west-2";

        var fromProfile = ParseEnv((await Run("exec", "--profile", "demo-sso", "env")).Stdout);
        var fromEnvironment = ParseEnv((await RunWith(preset, "exec", "--profile", "demo-sso", "env")).Stdout);

        Assert.Multiple(() =>
        {
            Assert.That(fromProfile["AWS_REGION"], Is.EqualTo("eu-west-3"));
            Assert.That(fromProfile["AWS_DEFAULT_REGION"], Is.EqualTo("eu-west-3"));
            Assert.That(fromEnvironment["AWS_REGION"], Is.EqualTo("us-west-2"));
            Assert.That(fromEnvironment.ContainsKey("AWS_DEFAULT_REGION"), Is.False);
        });
    }

    [Test]
    public async Task Arguments_reach_the_command_as_they_are_with_no_shell_and_its_options_are_not_ours()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));

        var run = await Run("exec", "--profile", "demo-sso", "printf", "%s|", "$HOME;ls", "--profile", "*", "a b");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Is.EqualTo("$HOME;ls|--profile|*|a b|"));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_exit_status_is_the_commands_and_128_plus_n_for_a_signal(bool server)
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        string[] mode = server ? ["--server"] : [];

        var exited = await Run(["exec", "--profile", "demo-sso", .. mode, "--", "sh", "-c", "exit 7"]);
        var killed = await Run(["exec", "--profile", "demo-sso", .. mode, "--", "sh", "-c", "kill -TERM $$"]);

        Assert.Multiple(() =>
        {
            Assert.That(exited.ExitCode, Is.EqualTo(7), exited.ToString());
            Assert.That(killed.ExitCode, Is.EqualTo(128 + Signals.SIGTERM), killed.ToString());
            Assert.That(exited.Stdout + killed.Stdout, Is.Empty);
            Assert.That(exited.Stderr + killed.Stderr, Is.Empty);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_command_starts_with_no_signal_ignored_or_blocked(bool server)
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        string[] mode = server ? ["--server"] : [];

        // The .NET runtime ignores SIGPIPE; an ignored signal stays ignored across execve unless reset.
        var run = await Run(["exec", "--profile", "demo-sso", .. mode, "--", "grep", "-E", "^Sig(Ign|Blk):", "/proc/self/status"]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("SigIgn:\t0000000000000000\n"), "SIGPIPE (and every other signal) at its default");
            Assert.That(run.Stdout, Does.Contain("SigBlk:\t0000000000000000\n"));
        });
    }

    [Test]
    public async Task A_command_that_does_not_exist_is_127_and_one_that_is_not_executable_126()
    {
        SeedToken(TimeSpan.FromHours(4));
        var script = Path.Combine(Home.Root, "not-executable.sh");
        File.WriteAllText(script, "#!/bin/sh\necho ran\n");

        var missing = await Run("exec", "--profile", "demo-sso", "--", "no-such-command-anywhere");
        var missingPath = await Run("exec", "--profile", "demo-sso", "--", "./nowhere/tool");
        var notExecutable = await Run("exec", "--profile", "demo-sso", "--", script);

        AssertFailure(missing, 127, "'no-such-command-anywhere' was not found on PATH");
        AssertFailure(missingPath, 127, "'./nowhere/tool' does not exist");
        AssertFailure(notExecutable, 126, script, "not executable");
        Assert.That(Fake.Calls("GetRoleCredentials"), Is.Zero, "nothing fetched for a command that cannot run");
    }

    [TestCase(TestName = "exec with no command")]
    [TestCase("--", TestName = "exec with -- and no command")]
    public async Task No_command_is_a_usage_error(params string[] rest)
    {
        var run = await Run(["exec", "--profile", "demo-sso", .. rest]);

        AssertFailure(run, 2, "exec needs a command");
    }

    [Test]
    public async Task Exec_inside_another_profiles_exec_is_exit_1_unless_nested()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var inside = Environment();
        inside["SSOCRED_PROFILE"] = "other-profile";
        var same = Environment();
        same["SSOCRED_PROFILE"] = "demo-sso";

        var refused = await RunWith(inside, "exec", "--profile", "demo-sso", "--", "true");
        var nested = await RunWith(inside, "exec", "--profile", "demo-sso", "--nested", "--", "printenv", "SSOCRED_PROFILE");
        var again = await RunWith(same, "exec", "--profile", "demo-sso", "--", "true");

        AssertFailure(refused, 1, "'other-profile'", "--nested");
        Assert.Multiple(() =>
        {
            Assert.That(nested.ExitCode, Is.Zero, nested.ToString());
            Assert.That(nested.Stdout, Is.EqualTo("demo-sso\n"));
            Assert.That(again.ExitCode, Is.Zero, "the same profile again is no mix");
        });
    }

    [Test]
    public async Task Without_server_ssocred_becomes_the_command_so_signals_reach_it_directly()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var environment = Environment();
        using var running = SsocredProcess.Start(["exec", "--profile", "demo-sso", "--", "sleep", "30"], environment);

        await WaitUntil(() => Comm(running.ProcessId) == "sleep", "the process became sleep");
        Signals.Send(running.ProcessId, Signals.SIGTERM);
        var run = await running.WaitAsync();
        Record(run, environment, ["exec"]);

        Assert.That(run.ExitCode, Is.EqualTo(128 + Signals.SIGTERM), run.ToString());
    }

    [TestCase(Signals.SIGTERM)]
    [TestCase(Signals.SIGINT)]
    [TestCase(Signals.SIGHUP)]
    public async Task With_server_ssocred_stays_the_parent_and_passes_signals_on(int signal)
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        var environment = Environment();
        // In a session of its own (setsid execs it, same pid): no controlling terminal, so every
        // signal comes from a kill and is passed on, even when the tests run in a terminal.
        using var running = SsocredProcess.Start([SsocredExecutable.Path, "exec", "--profile", "demo-sso", "--server", "--", "sleep", "30"], environment, executable: "setsid");

        var child = await WaitUntil(() => Children(running.ProcessId).FirstOrDefault(pid => Comm(pid) == "sleep"), "sleep started as a child");
        Signals.Send(running.ProcessId, signal);
        var run = await running.WaitAsync();
        Record(run, environment, ["exec"]);

        Assert.Multiple(() =>
        {
            Assert.That(Comm(running.ProcessId), Is.Null.Or.Not.EqualTo("sleep"), "ssocred was not replaced");
            Assert.That(child, Is.Not.EqualTo(running.ProcessId));
            Assert.That(run.ExitCode, Is.EqualTo(128 + signal), run.ToString());
        });
    }

    [Test]
    public async Task With_server_a_Ctrl_C_at_the_terminal_reaches_the_command_once()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        const string CountInterrupts = """
            import signal, time
            count = 0
            def interrupted(number, frame):
                global count
                count += 1
            signal.signal(signal.SIGINT, interrupted)
            print("ready", flush=True)
            deadline = time.time() + 20
            while count == 0 and time.time() < deadline:
                time.sleep(0.05)
            time.sleep(1)
            print("interrupts:", count, flush=True)
            """;
        var script = Path.Combine(Home.Root, "count-interrupts.py");
        File.WriteAllText(script, CountInterrupts);

        // script(1) gives the run a terminal; a ^C typed into it is the terminal's SIGINT to its
        // whole foreground group, ssocred and the command alike. (exec: no shell in between,
        // whose own exit on that SIGINT would hide ssocred's status.)
        using var terminal = ScriptTerminal.Start($"exec {Quote(SsocredExecutable.Path)} exec --profile demo-sso --server -- python3 {Quote(script)}", "/dev/null", Environment());
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new System.Text.StringBuilder();
        while (!seen.ToString().Contains("ready", StringComparison.Ordinal) && await terminal.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            seen.AppendLine(line);
        }

        await terminal.StandardInput.WriteAsync('\u0003');
        await terminal.StandardInput.FlushAsync();
        seen.Append(await terminal.StandardOutput.ReadToEndAsync(limit.Token));
        await terminal.WaitForExitAsync(limit.Token);

        Assert.That(seen.ToString(), Does.Contain("interrupts: 1"), "once from the terminal, not a second time passed on by ssocred");
        Assert.That(terminal.ExitCode, Is.Zero, seen.ToString());
    }

    [Test]
    public async Task With_server_the_command_gets_an_endpoint_and_no_static_keys_and_the_endpoint_ends_with_it()
    {
        SeedToken(TimeSpan.FromHours(4));
        var environment = Environment();
        environment["AWS_ACCESS_KEY_ID"] = "AKIASTALEFROMBEFORE0";
        environment["AWS_SECRET_ACCESS_KEY"] = "stale";
        const string Fetch = """
            import json, os, urllib.request
            request = urllib.request.Request(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"], headers={"Authorization": os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]})
            print(json.dumps({"uri": os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"], "keys": "AWS_ACCESS_KEY_ID" in os.environ or "AWS_SECRET_ACCESS_KEY" in os.environ, "profile": os.environ["SSOCRED_PROFILE"], "served": json.load(urllib.request.urlopen(request))}))
            """;

        var run = await RunWith(environment, "exec", "--profile", "demo-sso", "--server", "--", "python3", "-c", Fetch);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var output = JsonNode.Parse(run.Stdout)!.AsObject();
        var uri = new Uri(output["uri"]!.GetValue<string>());
        Assert.Multiple(async () =>
        {
            Assert.That(uri.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(output["keys"]!.GetValue<bool>(), Is.False, "no static keys, not even inherited ones");
            Assert.That(output["profile"]!.GetValue<string>(), Is.EqualTo("demo-sso"));
            Assert.That(Fake.IssuedSecrets, Does.Contain(output["served"]!["SecretAccessKey"]!.GetValue<string>()));
            Assert.That(run.Stderr, Is.Empty);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            Assert.That(async () => await client.GetAsync(uri), Throws.InstanceOf<HttpRequestException>(), "the endpoint is gone with the command");
            await Task.CompletedTask;
        });
    }

    [Test]
    public async Task A_verbose_run_with_a_log_file_says_what_it_ran_and_leaks_no_secret()
    {
        SeedToken(TimeSpan.FromHours(4));
        var log = LogFile();

        var run = await Run("exec", "--profile", "demo-sso", "-v", "--log-file", log, "--", "true");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(File.ReadAllText(log), Does.Contain("replacing ssocred with"));
            Assert.That(run.Stderr + File.ReadAllText(log), Does.Not.Contain(FakeIdentityCenterServer.LeakMarker));
        });
    }

    private static Dictionary<string, string> ParseEnv(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<int> Children(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/task/{pid}/children")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static async Task<T> WaitUntil<T>(Func<T> probe, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            var value = probe();
            if (value is not null && !value.Equals(default(T)) && value is not false)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new AssertionException($"never happened within {Patience}: {what}");
    }
}
