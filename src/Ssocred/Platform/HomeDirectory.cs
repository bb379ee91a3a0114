using Ssocred.Errors;

namespace Ssocred.Platform;

/// <summary>Where ~ is, as the AWS CLI finds it, so both tools share one ~/.aws.</summary>
internal static class HomeDirectory
{
    public static string Find(IEnvironment environment) => Find(environment, Host.Os);

    /// <summary>
    /// HOME on Unix. On Windows, USERPROFILE, else HOMEDRIVE and HOMEPATH, as Python's
    /// os.path.expanduser (and so the AWS CLI) does; HOME only as a last resort, since Git Bash
    /// and MSYS set it to a folder the AWS CLI never reads.
    /// </summary>
    public static string Find(IEnvironment environment, HostOs os)
    {
        if (os != HostOs.Windows)
        {
            return environment.Get("HOME") ?? throw new SsocredException("cannot find your home folder", "set HOME");
        }

        if (environment.Get("USERPROFILE") is { } profile)
        {
            return profile;
        }

        if (environment.Get("HOMEPATH") is { } homePath)
        {
            return (environment.Get("HOMEDRIVE") ?? "") + homePath;
        }

        return environment.Get("HOME") ?? throw new SsocredException("cannot find your home folder", "set USERPROFILE");
    }

    /// <summary>Expands a leading ~ as Python's os.path.expanduser does.</summary>
    public static string Expand(string path, IEnvironment environment) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
            ? Find(environment) + path[1..]
            : path;
}
