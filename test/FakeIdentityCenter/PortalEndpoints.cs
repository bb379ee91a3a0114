using System.Globalization;
using System.Text;

namespace FakeIdentityCenter;

/// <summary>The SSO portal API: GetRoleCredentials, ListAccounts, ListAccountRoles, Logout.</summary>
internal static class PortalEndpoints
{
    /// <summary>Page size when the caller sends no max_result and no PageSize option is set.</summary>
    private const int DefaultPageSize = 20;

    private const int MaxPageSize = 100;

    private const string PageTokenPrefix = "page:";

    public static void Map(IEndpointRouteBuilder app, FakeRuntime fake)
    {
        app.MapGet("/federation/credentials", context =>
            fake.RunAsync(context, Operations.GetRoleCredentials, ApiStyle.Portal, c => GetRoleCredentialsAsync(c, fake)));
        app.MapGet("/assignment/accounts", context =>
            fake.RunAsync(context, Operations.ListAccounts, ApiStyle.Portal, c => ListAccountsAsync(c, fake)));
        app.MapGet("/assignment/roles", context =>
            fake.RunAsync(context, Operations.ListAccountRoles, ApiStyle.Portal, c => ListAccountRolesAsync(c, fake)));
        app.MapPost("/logout", context =>
            fake.RunAsync(context, Operations.Logout, ApiStyle.Portal, c => LogoutAsync(c, fake)));
    }

    private static Task GetRoleCredentialsAsync(HttpContext context, FakeRuntime fake)
    {
        var roleName = Wire.Query(context, "role_name");
        var accountId = Wire.Query(context, "account_id");
        if (string.IsNullOrEmpty(roleName) || string.IsNullOrEmpty(accountId))
        {
            throw new ApiErrorException(PortalErrors.InvalidRequest, "role_name and account_id are required");
        }

        var credentials = fake.Store.IssueRoleCredentials(BearerToken(context), accountId, roleName);
        return Wire.WriteJsonAsync(context, new GetRoleCredentialsResponse { RoleCredentials = credentials });
    }

    private static Task ListAccountsAsync(HttpContext context, FakeRuntime fake)
    {
        fake.Store.RequireLiveAccessToken(BearerToken(context));
        var accounts = fake.Store.Accounts
            .Select(a => new AccountInfoBody { AccountId = a.AccountId, AccountName = a.AccountName, EmailAddress = a.EmailAddress })
            .ToList();
        var (page, next) = Paginate(context, fake, accounts);
        return Wire.WriteJsonAsync(context, new ListAccountsResponse { AccountList = page, NextToken = next });
    }

    private static Task ListAccountRolesAsync(HttpContext context, FakeRuntime fake)
    {
        var accountId = Wire.Query(context, "account_id");
        if (string.IsNullOrEmpty(accountId))
        {
            throw new ApiErrorException(PortalErrors.InvalidRequest, "account_id is required");
        }

        fake.Store.RequireLiveAccessToken(BearerToken(context));
        var account = fake.Store.Accounts.FirstOrDefault(a => a.AccountId == accountId)
            ?? throw new ApiErrorException(PortalErrors.Forbidden, "No access");
        var roles = account.Roles.Select(r => new RoleInfoBody { RoleName = r, AccountId = account.AccountId }).ToList();
        var (page, next) = Paginate(context, fake, roles);
        return Wire.WriteJsonAsync(context, new ListAccountRolesResponse { RoleList = page, NextToken = next });
    }

    private static Task LogoutAsync(HttpContext context, FakeRuntime fake)
    {
        fake.Store.Logout(BearerToken(context));
        return Wire.WriteEmptyAsync(context);
    }

    private static string? BearerToken(HttpContext context)
    {
        var values = context.Request.Headers[Wire.BearerHeader];
        return values.Count == 0 ? null : values[0];
    }

    private static (IReadOnlyList<T> Page, string? NextToken) Paginate<T>(HttpContext context, FakeRuntime fake, IReadOnlyList<T> items)
    {
        var offset = 0;
        if (Wire.Query(context, "next_token") is { Length: > 0 } nextToken && !TryDecodePageToken(nextToken, out offset))
        {
            throw new ApiErrorException(PortalErrors.InvalidRequest, "Invalid next_token");
        }

        var size = DefaultPageSize;
        if (Wire.Query(context, "max_result") is { Length: > 0 } maxResult
            && (!int.TryParse(maxResult, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            throw new ApiErrorException(PortalErrors.InvalidRequest, "max_result must be between 1 and 100");
        }

        size = fake.Options.PageSize ?? size;
        var page = items.Skip(offset).Take(size).ToList();
        var end = offset + page.Count;
        return (page, end < items.Count ? EncodePageToken(end) : null);
    }

    private static string EncodePageToken(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(PageTokenPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodePageToken(string token, out int offset)
    {
        offset = 0;
        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var length))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        return text.StartsWith(PageTokenPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(PageTokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
