using Ssocred.Platform;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>
/// Where the D-Bus session bus listens: DBUS_SESSION_BUS_ADDRESS, else the socket systemd and
/// dbus-broker put at $XDG_RUNTIME_DIR/bus. Null when neither says.
/// </summary>
internal static class SessionBusAddress
{
    public static string? Find(IEnvironment environment, IFileSystem fileSystem)
    {
        if (environment.Get("DBUS_SESSION_BUS_ADDRESS") is { } address)
        {
            return address;
        }

        return environment.Get("XDG_RUNTIME_DIR") is { } runtime && fileSystem.FileExists(Path.Combine(runtime, "bus"))
            ? $"unix:path={Path.Combine(runtime, "bus")}"
            : null;
    }
}
