using Serilog.Events;
using Ssocred.Aws;
using Ssocred.Caching;
using Ssocred.Cli;
using Ssocred.Commands;
using Ssocred.Configuration;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;
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
        var stderr = new ConsoleStandardError();
        var stdout = new ConsoleStandardOutput();
        CommandLine commandLine;
        try
        {
            commandLine = CommandLineParser.Parse(args);
        }
        catch (UsageException e)
        {
            stderr.Writer.WriteLine($"ssocred: {e.ToDisplayText()}");
            return e.ExitCode;
        }

        if (commandLine.Help || commandLine.Version)
        {
            using var output = new StreamWriter(stdout.OpenStream());
            output.Write(commandLine.Help ? HelpText.For(commandLine.Command) : $"ssocred {HelpText.Version}\n");
            return ExitCodes.Success;
        }

        var environment = new ProcessEnvironment();
        var options = commandLine.Sso with
        {
            NoLogin = commandLine.Sso.NoLogin || environment.Get("SSOCRED_NO_LOGIN") is "1" or "true",
        };
        using var log = new SerilogLog(
            commandLine.Verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
            commandLine.LogFile ?? environment.Get("SSOCRED_LOG_FILE"),
            stderr.Writer);
        try
        {
            return await RunAsync(commandLine, options, environment, stdout, stderr, log).ConfigureAwait(false);
        }
        catch (SsocredException e)
        {
            if (log.IsDebugEnabled && e.InnerException is { } cause)
            {
                log.Debug("caused by {ExceptionType}: {Reason}", cause.GetType().Name, cause.Message);
            }

            stderr.Writer.WriteLine($"ssocred: {e.ToDisplayText()}");
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

    private static async Task<int> RunAsync(
        CommandLine commandLine,
        SsoOptions options,
        IEnvironment environment,
        IStandardOutput stdout,
        IStandardError stderr,
        ILog log)
    {
        var fileSystem = new PhysicalFileSystem();
        var time = TimeProvider.System;
        var resolver = new ProfileResolver(environment, new ConfigFileLoader(environment, fileSystem));
        var awsFolder = Path.Combine(HomeDirectory.Find(environment), ".aws");
        var tokenStore = new FileCacheStore(Path.Combine(awsFolder, "sso", "cache"), fileSystem, log);
        var roleStore = new FileCacheStore(Path.Combine(awsFolder, "cli", "cache"), fileSystem, log);
        var locks = new CrossProcessLock(fileSystem, time, log);
        var notifier = new TerminalNotifier(stderr, new ProcessTerminal());
        SsoOidc Oidc(SsoEndpoints endpoints) => new(endpoints, log);
        var signIn = BuildSignIn(
            new JsonEntryCache<CachedRegistration>(tokenStore, CacheJsonContext.Default.CachedRegistration, log), Oidc, environment, notifier, time, log);
        var tokens = new SessionTokens(
            new JsonEntryCache<CachedToken>(tokenStore, CacheJsonContext.Default.CachedToken, log),
            locks,
            Oidc,
            signIn,
            notifier,
            time,
            log);

        using var cancellation = new CancellationTokenSource();
        switch (commandLine.Command)
        {
            case CommandLineOptions.CredentialProcess:
                var provider = new RoleCredentialsProvider(
                    new JsonEntryCache<CachedRoleCredentials>(roleStore, CacheJsonContext.Default.CachedRoleCredentials, log),
                    locks,
                    tokens,
                    endpoints => new SsoPortal(endpoints, log),
                    time,
                    log);
                return await new CredentialProcessCommand(resolver, provider, stdout).RunAsync(options, cancellation.Token).ConfigureAwait(false);
            case CommandLineOptions.Login:
                return await new LoginCommand(resolver, tokens, notifier, time).RunAsync(options, commandLine.Force, cancellation.Token).ConfigureAwait(false);
            default:
                throw new UsageException($"'{commandLine.Command}' is not implemented yet");
        }
    }

    /// <summary>The browser and device-code sign-ins, sharing one registration cache and one browser launcher.</summary>
    private static SignInCoordinator BuildSignIn(
        JsonEntryCache<CachedRegistration> registrationCache,
        Func<SsoEndpoints, SsoOidc> oidc,
        IEnvironment environment,
        IUserNotifier notifier,
        TimeProvider time,
        ILog log)
    {
        var registrations = new ClientRegistrations(registrationCache, time, log);
        var browser = new BrowserLauncher(environment, new SystemProcessLauncher(), notifier, time, log);
        return new SignInCoordinator(
            new PkceFlow(registrations, browser, notifier, time, log),
            new DeviceCodeFlow(registrations, browser, new DeviceCodePoller(time, log), notifier),
            oidc,
            environment,
            time,
            log);
    }
}
