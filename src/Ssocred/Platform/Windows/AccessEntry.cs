namespace Ssocred.Platform.Windows;

/// <summary>One entry of a Windows ACL, reduced to what the write check needs.</summary>
/// <param name="Sid">The account or group, as an SID string (S-1-…).</param>
/// <param name="Allow">An allow entry (else deny).</param>
/// <param name="Rights">The access mask (FileSystemRights bits, generic bits included).</param>
/// <param name="InheritOnly">Applies only to what is created inside, not to the folder itself.</param>
internal readonly record struct AccessEntry(string Sid, bool Allow, int Rights, bool InheritOnly);
