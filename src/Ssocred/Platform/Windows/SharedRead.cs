using System.Runtime.Versioning;

namespace Ssocred.Platform.Windows;

/// <summary>
/// Windows refuses to replace a file that another process has open unless every opener allowed
/// it: unlike Unix, a reader can make a writer's atomic rename fail. Readers here allow it, and a
/// writer retries briefly for readers that do not (the AWS CLI, another program).
/// </summary>
[SupportedOSPlatform("windows")]
internal static class SharedRead
{
    private static readonly TimeSpan[] Backoff = [.. Enumerable.Range(1, 8).Select(i => TimeSpan.FromMilliseconds(10 * i))];

    /// <summary>Reads a whole file while letting writers replace or delete it meanwhile.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        return content;
    }

    /// <summary>Renames over the destination, retrying while a reader briefly holds it.</summary>
    public static void Replace(string source, string destination)
    {
        foreach (var wait in Backoff)
        {
            try
            {
                File.Move(source, destination, overwrite: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(wait);
            }
        }

        File.Move(source, destination, overwrite: true);
    }
}
