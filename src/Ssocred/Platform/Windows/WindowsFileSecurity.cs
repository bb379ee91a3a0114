using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace Ssocred.Platform.Windows;

/// <summary>
/// Windows' counterpart of modes 0700 and 0600: folders and files whose ACL lets the person alone
/// in (no inherited entries, one full-control entry for the current user), set as they are created
/// so no other account ever sees the content; and the check that refuses a folder others may write to.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsFileSecurity
{
    private static SecurityIdentifier CurrentUser => WindowsIdentity.GetCurrent().User
        ?? throw new InvalidOperationException("the current Windows account has no SID");

    /// <summary>Creates the folder and its missing parents, each readable and writable by the person alone.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        var missing = new Stack<string>();
        for (var dir = Path.GetFullPath(path); !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Push(dir);
            if (Path.GetDirectoryName(dir) is null)
            {
                break;
            }
        }

        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(
            CurrentUser,
            FileSystemRights.FullControl,
            InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
            PropagationFlags.None,
            AccessControlType.Allow));
        while (missing.Count > 0)
        {
            new DirectoryInfo(missing.Pop()).Create(security);
        }
    }

    /// <summary>Creates a new file (failing if it exists) whose ACL lets the person alone in.</summary>
    public static FileStream CreatePrivateFile(string path)
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(CurrentUser, FileSystemRights.FullControl, AccessControlType.Allow));
        return new FileInfo(path).Create(
            FileMode.CreateNew,
            FileSystemRights.Write | FileSystemRights.ReadPermissions | FileSystemRights.Synchronize,
            FileShare.None,
            bufferSize: 4096,
            FileOptions.None,
            security);
    }

    /// <summary>The accounts besides the person that the folder's ACL lets write, or null when none.</summary>
    public static FolderExposure? FindOtherWriters(string directory)
    {
        var security = new DirectoryInfo(directory).GetAccessControl(AccessControlSections.Access | AccessControlSections.Owner);
        var owner = security.GetOwner(typeof(SecurityIdentifier))?.Value;
        var entries = security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier))
            .OfType<FileSystemAccessRule>()
            .Select(rule => new AccessEntry(
                rule.IdentityReference.Value,
                rule.AccessControlType == AccessControlType.Allow,
                (int)rule.FileSystemRights,
                rule.PropagationFlags.HasFlag(PropagationFlags.InheritOnly)));
        var writers = ForeignWriters.Find(owner, CurrentUser.Value, entries);
        if (writers.Count == 0)
        {
            return null;
        }

        var full = Path.GetFullPath(directory);
        return new FolderExposure(
            string.Join(", ", writers.Select(NameOf)),
            $"make it yours alone: icacls \"{full}\" /inheritance:r /grant:r \"%USERNAME%:(OI)(CI)F\", then remove the other accounts in its Security settings");
    }

    /// <summary>An account's name for people (DOMAIN\name), else its SID.</summary>
    private static string NameOf(string sid)
    {
        try
        {
            return new SecurityIdentifier(sid).Translate(typeof(NTAccount)).Value;
        }
        catch (Exception e) when (e is IdentityNotMappedException or SystemException)
        {
            return sid;
        }
    }
}
