using Ssocred.Errors;

namespace Ssocred.Platform;

/// <summary>Where ~ is: HOME, or USERPROFILE on Windows, as the AWS CLI finds it.</summary>
internal static class HomeDirectory
{
    public static string Find(IEnvironment environment) =>
        environment.Get("HOME")
        ?? (OperatingSystem.IsWindows() ? environment.Get("USERPROFILE") : null)
        ?? throw new SsocredException("cannot find your home folder", "set HOME");

    /// <summary>Expands a leading ~ as Python's os.path.expanduser does.</summary>
    public static string Expand(string path, IEnvironment environment) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
            ? Find(environment) + path[1..]
            : path;
}
