using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Platform;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Configuration;

/// <summary>
/// One rule for sso_registration_scopes (issue 10): parsed as the AWS CLI parses it (split at
/// commas, trimmed, empties dropped); a value that names no scope ("," or blanks between commas)
/// means what no value means — sign-ins ask for sso:account:access, doctor says "(default)" —
/// while the registration file keeps the AWS CLI's name for the parsed (empty) list.
/// </summary>
public class RegistrationScopesTests
{
    [TestCase(null, null, "sso:account:access")]
    [TestCase(",", new string[0], "sso:account:access")]
    [TestCase(" , ,", new string[0], "sso:account:access")]
    [TestCase("sso:account:access", new[] { "sso:account:access" }, "sso:account:access")]
    [TestCase(" codewhisperer:completions , sso:account:access ,", new[] { "codewhisperer:completions", "sso:account:access" }, "codewhisperer:completions,sso:account:access")]
    public void Scopes_are_parsed_as_the_aws_cli_does_and_naming_none_means_the_default(string? written, string[]? parsed, string used)
    {
        var session = Resolve(written).Session;

        Assert.Multiple(() =>
        {
            Assert.That(session.ConfiguredScopes, Is.EqualTo(parsed), "as the AWS CLI parses it");
            Assert.That(session.NamedScopes, parsed is { Length: > 0 } ? Is.EqualTo(parsed) : Is.Null, "names a scope, or none");
            Assert.That(string.Join(",", session.Scopes), Is.EqualTo(used), "what a sign-in asks for and doctor shows");
        });
    }

    [Test]
    public void Only_commas_keep_the_aws_cli_registration_file_name_for_an_empty_list()
    {
        var session = Resolve(",").Session;

        // json.dumps({"tool": "botocore", "startUrl": …, "region": …, "scopes": [], "session_name": "corp"}, sort_keys=True), by CPython.
        Assert.That(CacheKeys.Registration(session, session.ConfiguredScopes), Is.EqualTo("88215469320d484655e130d0e74e5aa7325cf820"));
    }

    private static SsoSettings Resolve(string? scopes)
    {
        using var scratch = new ScratchFolder("ssocred-scopes-");
        var config = Path.Combine(scratch.Path, "config");
        File.WriteAllText(config, $"""
            [profile demo]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = AdministratorAccess

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = ap-northeast-2
            {(scopes is null ? string.Empty : "sso_registration_scopes = " + scopes)}
            """);
        var environment = new TestEnvironment(new() { ["AWS_CONFIG_FILE"] = config });
        return new ProfileResolver(environment, new ConfigFileLoader(environment, new PhysicalFileSystem())).Resolve(new SsoOptions { Profile = "demo" }, requireRole: true);
    }
}
