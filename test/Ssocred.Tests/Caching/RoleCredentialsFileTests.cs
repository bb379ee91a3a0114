using System.Text;
using System.Text.Json;
using Ssocred.Caching;
using Ssocred.Credentials;

namespace Ssocred.Tests.Caching;

/// <summary>The warm path's hand-written reader agrees with the source-generated serializer on every file.</summary>
public class RoleCredentialsFileTests
{
    private const string Good = """{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s+/=", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z", "AccountId": "111122223333"}}""";

    public static readonly string[] Files =
    [
        Good,
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T09:00:00+09:00"}}""",
        """{"Credentials": {"Expiration": "2099-01-01T00:00:00UTC", "SessionToken": "t", "SecretAccessKey": "s", "AccessKeyId": "ASIA1", "Extra": {"a": [1, 2, {"b": null}]}}, "More": [true]}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}, "Credentials": null}""",
        """{"Credentials": null, "Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}""",
        """{"Credentials": {"AccessKeyId": null, "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}""",
        """{"Credentials": {"AccessKeyId": 1, "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "soon"}}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": 4102444800}}""",
        """{"Credentials": [1]}""",
        """{"Credentials": "x"}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}} trailing""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}   """,
        """{"credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}""",
        """{"Credentials": {"AccessKeyId": "ASIA\u00e9", "SecretAccessKey": "s\"q", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z", "FetchedAt": "2098-12-31T23:00:00Z"}}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z", "FetchedAt": "yesterday"}}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z", "FetchedAt": null}}""",
        """{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z", "FetchedAt": 4102441200}}""",
        "null", "[]", "5", "\"x\"", "{", "", "{}", "{\"Credentials\": {", "\u0000\u0001",
    ];

    [TestCaseSource(nameof(Files))]
    public void Agrees_with_the_serializer(string file) =>
        Assert.That(Describe(RoleCredentialsFile.TryParse(Encoding.UTF8.GetBytes(file))), Is.EqualTo(Describe(ViaSerializer(file))));

    [Test]
    public void Agrees_with_the_serializer_on_seeded_mutations()
    {
        var random = new Random(4242);
        var seed = Encoding.UTF8.GetBytes(Good);
        var alphabet = "{}[]\":,0123456789 aeAEnulltrfs\\"u8.ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var bytes = seed.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(bytes.Count);
                if (random.Next(2) == 0)
                {
                    bytes.RemoveAt(at);
                }
                else
                {
                    bytes[at] = alphabet[random.Next(alphabet.Length)];
                }
            }

            var text = Encoding.UTF8.GetString([.. bytes]);
            Assert.That(Describe(RoleCredentialsFile.TryParse([.. bytes])), Is.EqualTo(Describe(ViaSerializer(text))), text);
        }
    }

    private static RoleCredentials? ViaSerializer(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(file), CacheJsonContext.Default.CachedRoleCredentials)?.ToCredentials();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(RoleCredentials? credentials) =>
        credentials is null ? "absent" : $"{credentials.AccessKeyId}|{credentials.SecretAccessKey.Reveal()}|{credentials.SessionToken.Reveal()}|{credentials.Expiration:O}|{credentials.FetchedAt:O}";
}
