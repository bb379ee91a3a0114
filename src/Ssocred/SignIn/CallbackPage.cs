using System.Net;
using System.Text;

namespace Ssocred.SignIn;

/// <summary>
/// The short pages the loopback listener shows the browser. Everything that came from the
/// request is sanitised and HTML-encoded, since anyone on this machine can send one.
/// </summary>
internal static class CallbackPage
{
    public static (int Status, string Html) Success() => (200, Page(
        "Signed in",
        "ssocred has your sign-in. You can close this tab and return to your terminal."));

    public static (int Status, string Html) Refused(string error, string? description) => (200, Page(
        "Sign-in failed",
        $"IAM Identity Center answered <code>{Encode(error)}</code>"
        + (description is null ? "." : $": {Encode(description)}.")
        + " Return to your terminal and run <code>ssocred login</code> to try again."));

    public static (int Status, string Html) WrongState() => (400, Page(
        "Not this sign-in",
        "This answer does not belong to the sign-in ssocred is waiting for (its state does not match), so it was ignored."
        + " ssocred is still waiting: finish the sign-in from the link it showed in your terminal."));

    public static (int Status, string Html) NoCode() => (400, Page(
        "Incomplete answer",
        "This answer carries neither a code nor an error, so it was ignored. ssocred is still waiting."));

    public static (int Status, string Html) NotFound() => (404, Page("Not found", "ssocred answers only its sign-in callback here."));

    /// <summary>Printable ASCII only, and short: for the page and for the terminal alike.</summary>
    public static string Sanitise(string text, int maxLength = 200)
    {
        var clean = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (clean.Length == maxLength)
            {
                break;
            }

            if (c is >= ' ' and <= '~')
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string message) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>ssocred: {{title}}</title>
        <style>body{font-family:sans-serif;max-width:36em;margin:4em auto;line-height:1.5}</style></head>
        <body><h1>{{title}}</h1><p>{{message}}</p></body>
        </html>

        """;
}
