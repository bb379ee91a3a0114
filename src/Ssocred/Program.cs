using Serilog.Events;
using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Caching.Keyring;
using Ssocred.Cli;
using Ssocred.Commands;
using Ssocred.Commands.Doctor;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.Platform.Unix;
using Ssocred.SignIn;

namespace Ssocred;

/// <summary>
/// The composition root: builds the real seams once, parses, runs one command, and turns
/// failures into one "ssocred: …" line and an exit code. Nothing else writes errors.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        StandardDescriptors.Guard();
        var stderr = new ProcessStandardError();
        var stdout = new ProcessStandardOutput();
        if (args.Length > 0 && args[0] == CommandLineOptions.Complete)
        {
            return Complete(args[1..], stdout);
        }

        CommandLine? commandLine;
        try
        {
            commandLine = Parse(args, stdout);
        }
        catch (SsocredException e)
        {
            // A usage mistake (exit 2), or stdout failing under --help or --version (exit 1).
            stderr.Writer.Write($"ssocred: {e.ToDisplayText()}\n");
            return e.ExitCode;
        }

        if (commandLine is null)
        {
            return ExitCodes.Success; // help, the version or a completion script was printed
        }

        var environment = new ProcessEnvironment();
        using var log = new SerilogLog(
            commandLine.Options.Verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
            commandLine.Options.LogFile ?? environment.Get("SSOCRED_LOG_FILE"),
            stderr);
        try
        {
            return await RunAsync(commandLine, environment, stdout, stderr, log).ConfigureAwait(false);
        }
        catch (SsocredException e)
        {
            if (log.IsDebugEnabled && e.InnerException is { } cause)
            {
                log.Debug("caused by {Causes}", string.Join(" <- ", Causes(cause)));
            }

            // The log file keeps the outcome too, and the terminal sees it when stderr is captured:
            // SDKs often hide a credential process's stderr (the JS SDK's default chain always does).
            log.Debug("exit {ExitCode}: {Message}", e.ExitCode, e.ToDisplayText());
            new TerminalNotifier(stderr, new ProcessTerminal()).Tell(e.ToDisplayText());
            return e.ExitCode;
        }
#pragma warning disable CA1031 // The last line of defence: a person gets a sentence, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (log.IsDebugEnabled)
            {
                log.Error(e, "unexpected failure");
            }

            stderr.Writer.WriteLine($"ssocred: unexpected failure ({e.GetType().Name}: {e.Message}) — run with -v for details, and report it if it persists");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Each exception in the chain as "Type: message", without stack traces.</summary>
    private static IEnumerable<string> Causes(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    /// <summary>
    /// The bare credential process takes the cheap hand-written path; commands go through
    /// System.CommandLine; both read the one option table. Null when help, the version or a
    /// completion script was printed.
    /// </summary>
    private static CommandLine? Parse(string[] args, ProcessStandardOutput stdout)
    {
        var commandLine = args.Length > 0 && CommandLineOptions.IsCommand(args[0])
            ? CommandTree.Parse(args)
            : CommandLineParser.Parse(args);
        var options = commandLine.Options;
        var printed = commandLine.Command switch
        {
            _ when options.Help => HelpText.For(commandLine.Command),
            CommandLineOptions.Help => HelpText.For(HelpText.Resolve(options.Arguments)),
            CommandLineOptions.Version => VersionLine.Text + "\n",
            CommandLineOptions.Completion when !options.Help => CompletionScripts.For(options.Arguments[0]),
            _ when options.Version => VersionLine.Text + "\n",
            _ => null,
        };
        if (printed is null)
        {
            return commandLine;
        }

        using var output = stdout.OpenStream();
        output.Write(System.Text.Encoding.UTF8.GetBytes(printed));
        return null;
    }

    /// <summary>A Tab in a shell: candidates one a line, from the table and the config file's headers; silent on any failure.</summary>
    private static int Complete(string[] words, ProcessStandardOutput stdout)
    {
        var fileSystem = new PhysicalFileSystem();
        var configLoader = new ConfigFileLoader(new ProcessEnvironment(), fileSystem);
        string? ReadConfig()
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(fileSystem.ReadAllBytes(configLoader.ConfigPath));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SsocredException)
            {
                return null;
            }
        }

        try
        {
            using var output = stdout.OpenStream();
            output.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(Completion.Candidates(words, ReadConfig).Select(c => c + "\n"))));
            return ExitCodes.Success;
        }
        catch (SsocredException)
        {
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> RunAsync(
        CommandLine commandLine,
        IEnvironment environment,
        IStandardOutput stdout,
        IStandardError stderr,
        ILog log)
    {
        var fileSystem = new PhysicalFileSystem();
        var time = TimeProvider.System;
        var configLoader = new ConfigFileLoader(environment, fileSystem);
        var resolver = new RequestResolver(new ProfileResolver(environment, configLoader), environment);
        var files = new FileCacheStores(Path.Combine(HomeDirectory.Find(environment), ".aws"), fileSystem, log);
        var stores = new CacheStoresByChoice(
            files,
            () => new KeyringCacheStores(OsKeyring.Create(environment, fileSystem, commandLine.Sso.LoginTimeout, log), files.TokenFolder, files.RoleFolder, log),
            keyringForAll: CacheChoices.ChosenForAll(commandLine.Sso, environment) == CacheChoice.Keyring);
        var locks = new CrossProcessLock(fileSystem, time, log);
        var notifier = new TerminalNotifier(stderr, new ProcessTerminal());
        SsoPortal Portal(SsoEndpoints endpoints) => new(endpoints, log);
        SsoOidc Oidc(SsoEndpoints endpoints) => new(endpoints, log);
        var tokens = new SessionTokens(stores, locks, Oidc, BuildSignIn(stores, Oidc, environment, notifier, time, log), notifier, time, log);
        RoleCredentialsProvider Credentials() => new(stores, locks, tokens, Portal, time, log);

        // No root cancellation: SIGINT and SIGTERM end the process (serve and exec handle them
        // through ProcessSignals), the OS drops its locks, and the next writer removes a temp file.
        var cancel = CancellationToken.None;
        var parsed = commandLine.Options;
        var options = commandLine.Sso;
        return commandLine.Command switch
        {
            CommandLineOptions.CredentialProcess => await new CredentialProcessCommand(resolver, Credentials(), stdout).RunAsync(options, cancel).ConfigureAwait(false),
            CommandLineOptions.Login => await new LoginCommand(resolver, tokens, notifier, time).RunAsync(options, parsed.Force, cancel).ConfigureAwait(false),
            CommandLineOptions.Export => await new ExportCommand(resolver, Credentials(), stdout).RunAsync(options, parsed.Format, cancel).ConfigureAwait(false),
            CommandLineOptions.List => await new ListCommand(resolver, tokens, Portal, stdout, log).RunAsync(options, parsed.Output, cancel).ConfigureAwait(false),
            CommandLineOptions.Logout => await new LogoutCommand(resolver, configLoader, tokens, stores, Portal, notifier, time, log)
                .RunAsync(options, parsed.All, cancel).ConfigureAwait(false),
            CommandLineOptions.Populate => await new ConfigurePopulateCommand(resolver, tokens, Portal, fileSystem, stdout, notifier, time, Environment.ProcessPath ?? "ssocred", log)
                .RunAsync(options, new PopulateOptions(parsed.DryRun, parsed.Region, parsed.NameTemplate, parsed.Prune), cancel).ConfigureAwait(false),
            CommandLineOptions.Serve => await new ServeCommand(resolver, Credentials(), stdout, new ProcessSignals(), time, log)
                .RunAsync(options, parsed.Port, cancel).ConfigureAwait(false),
            CommandLineOptions.Exec => await new ExecCommand(resolver, Credentials(), environment, new ProgramLookup(fileSystem), new UnixProcessReplacer(), new ChildProcesses(), new ProcessSignals(), time, log)
                .RunAsync(options, new ExecOptions(parsed.ExecCommand, parsed.Server, parsed.Nested), cancel).ConfigureAwait(false),
            CommandLineOptions.Console => await new ConsoleCommand(resolver, Credentials(), environment, new BrowserLauncher(environment, new SystemProcessLauncher(), notifier, time, log), stdout, log)
                .RunAsync(options, parsed.Destination, parsed.PrintUrl, cancel).ConfigureAwait(false),
            CommandLineOptions.Doctor => await new DoctorCommand(
                new ConfigurationCheck(resolver, configLoader),
                [new EndpointsCheck(new TcpEndpointProbe()), new CacheStoreCheck(stores), new CachesCheck(tokens, stores, fileSystem, time), new NextStepCheck(Credentials())],
                stdout).RunAsync(options, cancel).ConfigureAwait(false),
            _ => throw new UsageException($"'{commandLine.Command}' is not an ssocred command"),
        };
    }

    /// <summary>The browser and device-code sign-ins, sharing one registration cache and one browser launcher.</summary>
    private static SignInCoordinator BuildSignIn(
        ICacheStores stores,
        Func<SsoEndpoints, SsoOidc> oidc,
        IEnvironment environment,
        IUserNotifier notifier,
        TimeProvider time,
        ILog log)
    {
        var registrations = new ClientRegistrations(stores, time, log);
        var browser = new BrowserLauncher(environment, new SystemProcessLauncher(), notifier, time, log);
        return new SignInCoordinator(
            new PkceFlow(registrations, browser, notifier, time, log),
            new DeviceCodeFlow(registrations, browser, new DeviceCodePoller(time, log), notifier, time),
            oidc,
            new TcpEndpointProbe(),
            environment,
            time,
            log);
    }
}
