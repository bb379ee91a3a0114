using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Caching;

// The fixed names were computed with botocore 1.43 and CPython; the odd names ask python3 live.
public class CacheKeysTests
{
    private static readonly SsoSession Corp = new("corp", "https://corp.awsapps.com/start", "ap-northeast-2", ["sso:account:access"], false);
    private static readonly SsoSession Legacy = new(null, "https://corp.awsapps.com/start", "ap-northeast-2", ["sso:account:access"], true);
    private static readonly RoleTarget Admin = new("111122223333", "AdministratorAccess");

    [Test]
    public void Token_file_of_an_sso_session_is_named_after_the_session() =>
        Assert.That(CacheKeys.Token(Corp), Is.EqualTo("ee0bfd2552fbd840c02cc48b6e823320543c450f"));

    [Test]
    public void Token_file_of_a_legacy_profile_is_named_after_the_start_url() =>
        Assert.That(CacheKeys.Token(Legacy), Is.EqualTo("a51746d4aa793ae07b25e90c3a5db96fc7832bd7"));

    [Test]
    public void Role_credentials_of_an_sso_session_use_botocores_key() =>
        Assert.That(CacheKeys.RoleCredentials(Corp, Admin), Is.EqualTo("5811043bbe9834d43b2a849958afa0f2b5f12b4e"));

    [Test]
    public void Role_credentials_of_a_legacy_profile_use_botocores_key() =>
        Assert.That(CacheKeys.RoleCredentials(Legacy, Admin), Is.EqualTo("2e3d86c5c057c06fee985dd4f417a569ab05072c"));

    [Test]
    public void Registration_with_scopes_uses_the_aws_cli_v2_key() =>
        Assert.That(
            CacheKeys.Registration(new SsoSession("my-sso", "https://d-123.awsapps.com/start", "us-east-1", ["sso:account:access"], false), ["sso:account:access"]),
            Is.EqualTo("41703fba9789c2c8f9b7faa73b70bebb72c62cc9"));

    [Test]
    public void Registration_without_scopes_uses_the_aws_cli_v2_key() =>
        Assert.That(
            CacheKeys.Registration(new SsoSession("my-sso", "https://d-123.awsapps.com/start", "us-east-1", ["sso:account:access"], false), null),
            Is.EqualTo("4a61d5c0d0268ea975225ec49ec41d69c98d0633"));

    [TestCase("plain", "ascii")]
    [TestCase("ünïcödé", "non-ASCII escaped as \\uXXXX")]
    [TestCase("quote\" back\\slash\ttab\u0001", "escapes")]
    [TestCase("emoji 😀", "surrogate pairs")]
    public void Role_key_matches_python_json_dumps_for_odd_role_names(string roleName, string why)
    {
        var expected = PythonOracle.Sha1OfJsonDumps(
            new Dictionary<string, object?> { ["accountId"] = "111122223333", ["roleName"] = roleName, ["sessionName"] = "corp" },
            compact: true);
        Assert.That(CacheKeys.RoleCredentials(Corp, new RoleTarget("111122223333", roleName)), Is.EqualTo(expected), why);
    }
}
