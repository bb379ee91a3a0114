namespace Ssocred.Platform;

/// <summary>Who besides its owner may write to a folder, and how the person makes it theirs alone.</summary>
internal sealed record FolderExposure(string Who, string Fix);
