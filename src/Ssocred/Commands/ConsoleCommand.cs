using System.Text;
using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.SignIn;

namespace Ssocred.Commands;

/// <summary>
/// <c>ssocred console [--destination URL] [--url]</c>: the AWS console in the browser, signed in as
/// the role (the federation endpoint's getSigninToken, then its login URL). <c>--url</c> prints
/// the URL on stdout instead. The URL signs anyone in who has it: it goes to the browser or to
/// stdout, never to stderr or a log.
/// </summary>
internal sealed class ConsoleCommand(
    RequestResolver resolver,
    RoleCredentialsProvider provider,
    IEnvironment environment,
    BrowserLauncher browser,
    IStandardOutput stdout,
    ILog log)
{
    public async Task<int> RunAsync(SsoOptions options, string? destination, bool printUrl, CancellationToken cancellationToken)
    {
        if (destination is not null && !(Uri.TryCreate(destination, UriKind.Absolute, out var given) && given.Scheme is "https" or "http"))
        {
            throw new UsageException($"--destination takes the URL of a console page, such as https://console.aws.amazon.com/s3/, not '{destination}'", "ssocred console --help");
        }

        var request = resolver.Resolve(options, requireRole: true);
        var settings = request.Settings;
        var endpoint = ConsoleUrls.FederationEndpoint(environment.Get(ConsoleUrls.EndpointVariable), settings.Session.Region);
        var credentials = await provider.GetAsync(request, cancellationToken).ConfigureAwait(false);

        using var federation = new SigninFederation(endpoint, log);
        var signinToken = await federation.GetSigninTokenAsync(credentials, cancellationToken).ConfigureAwait(false);
        var url = federation.LoginUrl(signinToken, destination ?? ConsoleUrls.DefaultDestination(settings.Session.Region, RegionName.Of(settings)));
        if (printUrl)
        {
            using var output = stdout.OpenStream();
            output.Write(Encoding.UTF8.GetBytes(url.Reveal() + "\n"));
            return ExitCodes.Success;
        }

        if (!await browser.OpenAsync(url.Reveal(), cancellationToken, tellOnFailure: false).ConfigureAwait(false))
        {
            throw new SsocredException(
                "no browser could open the AWS console",
                $"set BROWSER, or run: ssocred console {settings.CommandLineSelector} --url, and open the URL it prints yourself");
        }

        log.Debug("opened the AWS console as {Role} in {Account}", settings.Role!.RoleName, settings.Role.AccountId);
        return ExitCodes.Success;
    }
}
