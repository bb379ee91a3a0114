using System.Text;
using System.Text.Json;
using Ssocred.Aws;

namespace Ssocred.Output;

/// <summary>One account and the roles the sign-in may use in it.</summary>
internal sealed record AccountRoles(PortalAccount Account, IReadOnlyList<string> Roles);

/// <summary>`ssocred list`: an aligned table sorted by account name, or a JSON array.</summary>
internal static class AccountListing
{
    public static IReadOnlyList<AccountRoles> Sorted(IEnumerable<AccountRoles> accounts) =>
        accounts
            .OrderBy(a => a.Account.AccountName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.Account.AccountId, StringComparer.Ordinal)
            .Select(a => a with { Roles = a.Roles.Order(StringComparer.Ordinal).ToList() })
            .ToList();

    public static byte[] Text(IReadOnlyList<AccountRoles> accounts)
    {
        string[] header = ["ACCOUNT NAME", "ACCOUNT ID", "ROLE", "EMAIL"];
        var rows = accounts
            .SelectMany(a => a.Roles.Count == 0 ? [string.Empty] : a.Roles, (a, role) => new[] { a.Account.AccountName, a.Account.AccountId, role, a.Account.EmailAddress })
            .ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Json(IReadOnlyList<AccountRoles> accounts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var (account, roles) in accounts)
            {
                json.WriteStartObject();
                json.WriteString("accountId", account.AccountId);
                json.WriteString("accountName", account.AccountName);
                json.WriteString("emailAddress", account.EmailAddress);
                json.WriteStartArray("roles");
                foreach (var role in roles)
                {
                    json.WriteStringValue(role);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
