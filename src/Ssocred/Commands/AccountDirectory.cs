using Ssocred.Aws;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Output;

namespace Ssocred.Commands;

/// <summary>Every account and role a session may use: ListAccounts, then ListAccountRoles of each, all pages.</summary>
internal static class AccountDirectory
{
    public static async Task<IReadOnlyList<AccountRoles>> ListAsync(
        SessionTokens tokens,
        SsoPortal portal,
        CredentialRequest request,
        ILog log,
        CancellationToken cancellationToken) =>
        await SignedInCall.RunAsync(tokens, request, log, token => ListAsync(portal, token, cancellationToken), cancellationToken).ConfigureAwait(false);

    public static async Task<IReadOnlyList<AccountRoles>> ListAsync(SsoPortal portal, Secret token, CancellationToken cancellationToken)
    {
        var accounts = await portal.ListAccountsAsync(token, cancellationToken).ConfigureAwait(false);
        var result = new List<AccountRoles>(accounts.Count);
        foreach (var account in accounts)
        {
            var roles = await portal.ListAccountRolesAsync(token, account.AccountId, cancellationToken).ConfigureAwait(false);
            result.Add(new AccountRoles(account, roles));
        }

        return AccountListing.Sorted(result);
    }
}
