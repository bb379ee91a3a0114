using System.Text.Json;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Output;

namespace Ssocred.Tests.Output;

public class CredentialProcessJsonTests
{
    [TestCase("plain+/=")]
    [TestCase("quote\" backslash\\ newline\n tab\t nul\u0000 del\u007f")]
    [TestCase("ünïcödé 😀 \u2028")]
    public void Any_value_round_trips_through_a_json_parser(string value)
    {
        var credentials = new RoleCredentials("ASIA" + value, new Secret(value), new Secret(value), new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

        using var json = JsonDocument.Parse(CredentialProcessJson.Render(credentials));

        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("Version").GetInt32(), Is.EqualTo(1));
            Assert.That(json.RootElement.GetProperty("AccessKeyId").GetString(), Is.EqualTo("ASIA" + value));
            Assert.That(json.RootElement.GetProperty("SecretAccessKey").GetString(), Is.EqualTo(value));
            Assert.That(json.RootElement.GetProperty("SessionToken").GetString(), Is.EqualTo(value));
            Assert.That(json.RootElement.GetProperty("Expiration").GetString(), Is.EqualTo("2026-11-29T09:00:00Z"));
        });
    }
}
