using System.Text.Json.Nodes;
using FakeIdentityCenter;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Commands;

/// <summary>`ssocred list`: every account and role, all pages, as a table or JSON.</summary>
internal sealed class ListCommandTests : EndToEndTest
{
    // One item a page, so every list takes several pages.
    protected override FakeOptions FakeOptions() => new() { PageSize = 1 };

    [Test]
    public async Task Text_is_an_aligned_table_sorted_by_account_name()
    {
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("list", "--profile", "demo-sso");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Is.EqualTo("""
            ACCOUNT NAME  ACCOUNT ID    ROLE                 EMAIL
            Demo          111122223333  AdministratorAccess  demo@example.com
            Demo          111122223333  ReadOnly             demo@example.com
            Production    777788889999  PowerUserAccess      production@example.com
            Production    777788889999  ReadOnly             production@example.com
            Sandbox       444455556666  ReadOnly             sandbox@example.com

            """));
        Assert.Multiple(() =>
        {
            Assert.That(Fake.Calls("ListAccounts"), Is.EqualTo(3), "three pages of one");
            Assert.That(Fake.Calls("ListAccountRoles"), Is.EqualTo(2 + 1 + 2), "each account's roles, a page each");
            Assert.That(run.Stderr, Is.Empty);
        });
    }

    [Test]
    public async Task Json_is_an_array_of_accounts_with_their_roles()
    {
        SeedToken(TimeSpan.FromHours(2));

        var run = await Run("list", "--sso-session", "corp", "--output", "json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var expected = JsonNode.Parse("""
            [
              {"accountId": "111122223333", "accountName": "Demo", "emailAddress": "demo@example.com", "roles": ["AdministratorAccess", "ReadOnly"]},
              {"accountId": "777788889999", "accountName": "Production", "emailAddress": "production@example.com", "roles": ["PowerUserAccess", "ReadOnly"]},
              {"accountId": "444455556666", "accountName": "Sandbox", "emailAddress": "sandbox@example.com", "roles": ["ReadOnly"]}
            ]
            """);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(run.Stdout), expected), Is.True, run.Stdout);
    }

    [Test]
    public async Task Expired_session_without_login_says_how_to_sign_in()
    {
        var run = await Run("list", "--profile", "demo-sso", "--no-login");

        AssertFailure(run, 1, "no valid SSO session for 'corp'", "run: ssocred login --profile demo-sso");
    }

    [Test]
    public async Task Unknown_output_is_a_usage_error()
    {
        var run = await Run("list", "--profile", "demo-sso", "--output", "yaml");

        AssertFailure(run, 2, "--output takes text or json");
    }
}
