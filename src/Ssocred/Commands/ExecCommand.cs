using System.ComponentModel;
using System.Runtime.InteropServices;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.Serving;

namespace Ssocred.Commands;

/// <summary>What exec runs and how.</summary>
/// <param name="Command">COMMAND and its arguments, as given.</param>
internal sealed record ExecOptions(IReadOnlyList<string> Command, bool Server, bool Nested);

/// <summary>
/// <c>ssocred exec [--server] [--nested] [--] COMMAND [ARG…]</c>: runs COMMAND with the role's
/// credentials in its environment. On Unix ssocred replaces itself with COMMAND (execve), so
/// COMMAND owns the terminal, its signals and its exit status; with --server, or where a process
/// cannot replace itself, ssocred stays the parent, passes SIGINT, SIGTERM and SIGHUP on, and
/// exits with COMMAND's status. ssocred itself writes nothing to stdout.
/// </summary>
internal sealed class ExecCommand(
    RequestResolver resolver,
    RoleCredentialsProvider provider,
    IEnvironment environment,
    ProgramLookup lookup,
    IProcessReplacer replacer,
    IChildProcesses children,
    ISignals signals,
    TimeProvider time,
    ILog log)
{
    public const int NotFound = 127;
    public const int CannotRun = 126;

    public async Task<int> RunAsync(SsoOptions options, ExecOptions exec, CancellationToken cancellationToken)
    {
        var request = resolver.Resolve(options, requireRole: true);
        var settings = request.Settings;
        var role = settings.Role!;
        var profile = settings.NamedProfile ?? settings.ProfileName ?? $"{role.AccountId}/{role.RoleName}";
        if (environment.Get(ExecEnvironment.ProfileVariable) is { } outer && outer != profile && !exec.Nested)
        {
            throw new SsocredException(
                $"this shell is already inside 'ssocred exec' of profile '{outer}', so '{profile}' would mix two roles",
                "leave it first (exit), or pass --nested to run it inside anyway");
        }

        // Looked up before any credentials are fetched: a typo must not start a sign-in.
        var command = exec.Command[0];
        var (found, path) = lookup.Find(command, environment.Get("PATH"));
        switch (found)
        {
            case LookupOutcome.NotFound:
                throw new SsocredException(
                    command.Contains('/', StringComparison.Ordinal) ? $"'{command}' does not exist" : $"'{command}' was not found on PATH",
                    "check the name, or give the program's full path",
                    NotFound);
            case LookupOutcome.NotExecutable:
                throw new SsocredException($"'{path}' cannot be run: it is not executable", $"chmod +x {path}, or run it through its interpreter", CannotRun);
        }

        var inherited = environment.All();
        if (exec.Server)
        {
            return await RunWithServerAsync(request, exec, path, profile, inherited, cancellationToken).ConfigureAwait(false);
        }

        var credentials = await provider.GetAsync(request, cancellationToken).ConfigureAwait(false);
        var variables = ExecEnvironment.WithKeys(inherited, credentials, profile, RegionName.Of(settings));
        if (!replacer.IsSupported)
        {
            return await RunChildAsync(path, exec.Command, variables, cancellationToken).ConfigureAwait(false);
        }

        log.Debug("replacing ssocred with {Path} and the credentials of {Role} in {Account} ({AccessKeyId})", path, role.RoleName, role.AccountId, credentials.AccessKeyId);
        var (notFound, reason) = replacer.Replace(path, exec.Command, variables);
        throw new SsocredException($"'{path}' cannot be run: {reason}", "check that it is a program for this system", notFound ? NotFound : CannotRun);
    }

    private async Task<int> RunWithServerAsync(
        CredentialRequest request,
        ExecOptions exec,
        string path,
        string profile,
        IReadOnlyDictionary<string, string> inherited,
        CancellationToken cancellationToken)
    {
        using var server = ContainerCredentialServer.Bind(0, provider.ForEndpoint(request), request.Settings.Role!.AccountId, request.Refresh.Margin, time, log);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = server.RunAsync(stop.Token);
        log.Debug("running {Path} with a credential endpoint on 127.0.0.1:{Port}", path, server.Port);
        try
        {
            var variables = ExecEnvironment.WithEndpoint(inherited, server.Variables, profile, RegionName.Of(request.Settings));
            return await RunChildAsync(path, exec.Command, variables, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await serving.ConfigureAwait(false);
        }
    }

    /// <summary>Runs the command as a child, passing termination signals on, and returns its status.</summary>
    private async Task<int> RunChildAsync(string path, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        IRunningChild child;
        try
        {
            child = children.Start(path, argv.Skip(1).ToList(), variables);
        }
        catch (Win32Exception e)
        {
            throw new SsocredException($"'{path}' cannot be run: {e.Message}", "check that it is a program for this system", CannotRun, e);
        }

        using (child)
        using (signals.On(PosixSignal.SIGINT, () => child.Signal(PosixSignal.SIGINT)))
        using (signals.On(PosixSignal.SIGTERM, () => child.Signal(PosixSignal.SIGTERM)))
        using (signals.On(PosixSignal.SIGHUP, () => child.Signal(PosixSignal.SIGHUP)))
        {
            var status = await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            log.Debug("{Path} exited with status {Status}", path, status);
            return status;
        }
    }
}
