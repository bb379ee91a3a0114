using System.Globalization;

namespace FakeIdentityCenter;

/// <summary>Command line of the runnable host.</summary>
internal static class HostArguments
{
    public const string Usage = """
        usage: FakeIdentityCenter [options]
          --port N                      TCP port on 127.0.0.1 (default 0: a free one)
          --auto-approve                opening /device?user_code=X approves the device
          --deny                        /authorize redirects with error=access_denied
          --slow-down                   device-code polls faster than the interval get slow_down
          --page-size N                 page size of ListAccounts and ListAccountRoles
          --token-lifetime SECONDS      access tokens (default 28800)
          --credentials-lifetime SECONDS  role credentials (default 3600)
          --registration-lifetime SECONDS  client registrations (default 7776000)
          --device-interval SECONDS     device-code polling interval (default 1)
          --device-code-lifetime SECONDS  device codes (default 600)
        Prints "listening on http://127.0.0.1:PORT" on stdout once ready; stops on SIGTERM or Ctrl-C.
        """;

    /// <exception cref="ArgumentException">A bad or unknown argument.</exception>
    public static FakeOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FakeOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            switch (flag)
            {
                case "--port":
                    options.Port = Integer(args, ref i, flag, min: 0);
                    break;
                case "--auto-approve":
                    options.AutoApprove = true;
                    break;
                case "--deny":
                    options.DenyAuthorization = true;
                    break;
                case "--slow-down":
                    options.EnforceSlowDown = true;
                    break;
                case "--page-size":
                    options.PageSize = Integer(args, ref i, flag, min: 1);
                    break;
                case "--token-lifetime":
                    options.TokenLifetime = Seconds(args, ref i, flag);
                    break;
                case "--credentials-lifetime":
                    options.RoleCredentialsLifetime = Seconds(args, ref i, flag);
                    break;
                case "--registration-lifetime":
                    options.ClientRegistrationLifetime = Seconds(args, ref i, flag);
                    break;
                case "--device-interval":
                    options.DeviceInterval = Seconds(args, ref i, flag);
                    break;
                case "--device-code-lifetime":
                    options.DeviceCodeLifetime = Seconds(args, ref i, flag);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{flag}'");
            }
        }

        return options;
    }

    private static TimeSpan Seconds(IReadOnlyList<string> args, ref int i, string flag) =>
        TimeSpan.FromSeconds(Integer(args, ref i, flag, min: 0));

    private static int Integer(IReadOnlyList<string> args, ref int i, string flag, int min)
    {
        if (++i >= args.Count
            || !int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < min)
        {
            throw new ArgumentException($"{flag} needs a whole number of at least {min}");
        }

        return value;
    }
}
