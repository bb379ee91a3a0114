using System.Security.Cryptography.X509Certificates;

namespace Ssocred.Platform;

/// <summary>
/// A certificate folder as <c>c_rehash</c>/<c>openssl rehash</c> leave it: besides the
/// certificates, one link per certificate named after its subject's hash
/// (<c>&lt;8 hex digits&gt;.N</c>). Finding the certificates with a given subject then reads a file
/// or two instead of every certificate in the folder, as OpenSSL's own folder lookup does.
/// </summary>
internal sealed class HashedCertificateFolder(string path)
{
    public string Path { get; } = path;

    /// <summary>True when the folder exists and holds at least one subject-hash link.</summary>
    public static bool IsHashed(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(path))
                {
                    if (IsHashName(System.IO.Path.GetFileName(entry)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The certificates filed under the subject hash of <paramref name="subject"/> (<c>hash.0</c>, <c>hash.1</c>, …).</summary>
    public IEnumerable<X509Certificate2> WithSubject(X500DistinguishedName subject)
    {
        var stem = OpenSslNameHash.FileStem(subject);
        if (stem is null)
        {
            yield break;
        }

        for (var n = 0; ; n++)
        {
            var file = System.IO.Path.Combine(Path, $"{stem}.{n}");
            if (!File.Exists(file))
            {
                yield break;
            }

            foreach (var certificate in CertificateFiles.Read(file))
            {
                yield return certificate;
            }
        }
    }

    /// <summary>"0123abcd.0": eight lower-case hex digits, a dot, a number (not "….r0", a revocation list).</summary>
    private static bool IsHashName(string name) =>
        name.Length > 9
        && name[8] == '.'
        && IsLowerHex(name.AsSpan(0, 8))
        && !name.AsSpan(9).ContainsAnyExceptInRange('0', '9');

    // A loop, not SearchValues: a static field here would cost every run a static base at start-up.
    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
