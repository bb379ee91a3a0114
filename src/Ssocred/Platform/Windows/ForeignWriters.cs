namespace Ssocred.Platform.Windows;

/// <summary>
/// Windows' counterpart of "o+w without the sticky bit": which accounts, besides the person and
/// the system, the folder's ACL lets plant, replace or remove files, or take the folder over.
/// Pure, so the decision is tested on any OS.
/// </summary>
internal static class ForeignWriters
{
    public const string LocalSystem = "S-1-5-18";
    public const string Administrators = "S-1-5-32-544";
    public const string TrustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
    public const string CreatorOwner = "S-1-3-0";
    public const string OwnerRights = "S-1-3-4";

    /// <summary>
    /// Rights that let an account change what the folder holds or who may: add a file (0x2) or a
    /// folder (0x4), delete children (0x40), delete the folder itself (DELETE 0x10000), change its
    /// ACL (WRITE_DAC) or owner (WRITE_OWNER), and the generic write and all bits.
    /// </summary>
    public const int WriteRights = 0x2 | 0x4 | 0x40 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;

    /// <summary>
    /// The SIDs, in ACL order, that may write although they are not the person (<paramref name="userSid"/>),
    /// SYSTEM, Administrators or TrustedInstaller (who can take any file anyway, like root). An
    /// owner other than those counts too, since an owner may always rewrite the ACL. Deny entries
    /// subtract from the same SID's allow entries; inherit-only entries do not apply to the folder.
    /// </summary>
    public static IReadOnlyList<string> Find(string? ownerSid, string userSid, IEnumerable<AccessEntry> entries)
    {
        var trusted = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { userSid, LocalSystem, Administrators, TrustedInstaller, CreatorOwner };
        var allowed = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var denied = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.InheritOnly)
            {
                continue;
            }

            // OWNER RIGHTS stands for whoever owns the folder.
            var sid = entry.Sid.Equals(OwnerRights, StringComparison.OrdinalIgnoreCase) && ownerSid is not null ? ownerSid : entry.Sid;
            var masks = entry.Allow ? allowed : denied;
            masks[sid] = masks.GetValueOrDefault(sid) | entry.Rights;
            if (!order.Contains(sid, StringComparer.OrdinalIgnoreCase))
            {
                order.Add(sid);
            }
        }

        var writers = order
            .Where(sid => !trusted.Contains(sid) && (allowed.GetValueOrDefault(sid) & ~denied.GetValueOrDefault(sid) & WriteRights) != 0)
            .ToList();
        if (ownerSid is not null && !trusted.Contains(ownerSid) && !writers.Contains(ownerSid, StringComparer.OrdinalIgnoreCase))
        {
            writers.Insert(0, ownerSid);
        }

        return writers;
    }
}
