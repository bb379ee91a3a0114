namespace FakeIdentityCenter;

/// <summary>
/// The verification pages a person opens for the device code flow: <c>GET /device?user_code=X</c> shows the
/// code with Approve and Deny buttons (or approves at once in AutoApprove mode); the buttons post to
/// <c>/device/approve</c> and <c>/device/deny</c>.
/// </summary>
internal static class DeviceEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FakeRuntime fake)
    {
        app.MapGet("/device", context =>
            fake.RunAsync(context, Operations.VerifyDevice, ApiStyle.Browser, c => ShowAsync(c, fake)));
        app.MapPost("/device/approve", context =>
            fake.RunAsync(context, Operations.ApproveDevice, ApiStyle.Browser, c => DecideAsync(c, fake, approve: true)));
        app.MapPost("/device/deny", context => DecideAsync(context, fake, approve: false));
    }

    private static Task ShowAsync(HttpContext context, FakeRuntime fake)
    {
        var userCode = Wire.Query(context, "user_code");
        if (string.IsNullOrEmpty(userCode))
        {
            return Wire.WriteHtmlAsync(context, StatusCodes.Status200OK, "Authorize request", """
                <form method="get" action="/device">
                <label>Code <input name="user_code" autofocus></label>
                <button type="submit">Next</button>
                </form>
                """);
        }

        if (!fake.Store.IsLiveUserCode(userCode))
        {
            return UnknownCodePage(context);
        }

        if (fake.Store.AutoApprove && fake.Store.ApproveDevice(userCode))
        {
            return ApprovedPage(context);
        }

        var code = Wire.Html(userCode);
        return Wire.WriteHtmlAsync(context, StatusCodes.Status200OK, "Authorize request", $"""
            <p>Confirm that this code matches the code shown by the application:</p>
            <p style="font-size: 2em; font-family: monospace">{code}</p>
            <form method="post" action="/device/approve">
            <input type="hidden" name="user_code" value="{code}">
            <button type="submit">Approve</button>
            </form>
            <form method="post" action="/device/deny">
            <input type="hidden" name="user_code" value="{code}">
            <button type="submit">Deny</button>
            </form>
            """);
    }

    private static async Task DecideAsync(HttpContext context, FakeRuntime fake, bool approve)
    {
        var userCode = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted))["user_code"].ToString()
            : Wire.Query(context, "user_code");
        if (string.IsNullOrEmpty(userCode))
        {
            await UnknownCodePage(context);
            return;
        }

        var decided = approve ? fake.Store.ApproveDevice(userCode) : fake.Store.DenyDevice(userCode);
        if (!decided)
        {
            await UnknownCodePage(context);
        }
        else if (approve)
        {
            await ApprovedPage(context);
        }
        else
        {
            await Wire.WriteHtmlAsync(context, StatusCodes.Status200OK, "Request denied", "<p>You denied access. You can close this window.</p>");
        }
    }

    private static Task ApprovedPage(HttpContext context) =>
        Wire.WriteHtmlAsync(context, StatusCodes.Status200OK, "Request approved", "<p>You can close this window and return to the application.</p>");

    private static Task UnknownCodePage(HttpContext context) =>
        Wire.WriteHtmlAsync(context, StatusCodes.Status404NotFound, "Code not found", "<p>This code is not valid, was already decided or has expired.</p>");
}
