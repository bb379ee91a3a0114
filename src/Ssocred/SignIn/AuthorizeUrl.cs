namespace Ssocred.SignIn;

/// <summary>
/// The browser's first stop in a PKCE sign-in: <c>{oidc endpoint}/authorize?…</c> with the
/// parameters in the order SPEC §2 (and the AWS CLI) gives them, each value percent-encoded.
/// </summary>
internal static class AuthorizeUrl
{
    public static string Build(Uri oidcEndpoint, string clientId, string redirectUri, string state, IReadOnlyList<string> scopes, string codeChallenge)
    {
        var endpoint = oidcEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return $"{endpoint}/authorize?response_type=code"
            + $"&client_id={Uri.EscapeDataString(clientId)}"
            + $"&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + $"&state={Uri.EscapeDataString(state)}"
            + "&code_challenge_method=S256"
            + $"&scopes={Uri.EscapeDataString(string.Join(' ', scopes))}"
            + $"&code_challenge={Uri.EscapeDataString(codeChallenge)}";
    }
}
