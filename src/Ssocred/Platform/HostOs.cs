namespace Ssocred.Platform;

/// <summary>The operating-system families whose behaviour differs for ssocred.</summary>
internal enum HostOs
{
    Linux,
    MacOS,
    Windows,
}

internal static class Host
{
    /// <summary>
    /// The OS this process runs on. Each OS has its own build of the runtime library, where these
    /// checks are constants, so the branches of other systems cost nothing.
    /// </summary>
    public static HostOs Os =>
        OperatingSystem.IsWindows() ? HostOs.Windows
        : OperatingSystem.IsMacOS() ? HostOs.MacOS
        : HostOs.Linux;
}
