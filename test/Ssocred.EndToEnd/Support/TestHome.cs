using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ssocred.EndToEnd.Support;

/// <summary>A throwaway HOME with its own ~/.aws: config, SSO token cache and CLI cache.</summary>
internal sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Root = Directory.CreateTempSubdirectory("ssocred-e2e-").FullName;
        Directory.CreateDirectory(AwsFolder);
    }

    public string Root { get; }

    public string AwsFolder => Path.Combine(Root, ".aws");

    public string ConfigPath => Path.Combine(AwsFolder, "config");

    public string TokenCacheFolder => Path.Combine(AwsFolder, "sso", "cache");

    public string RoleCacheFolder => Path.Combine(AwsFolder, "cli", "cache");

    public void WriteConfig(string text) => File.WriteAllText(ConfigPath, text);

    public string TokenPath(string key) => Path.Combine(TokenCacheFolder, key + ".json");

    public string RolePath(string key) => Path.Combine(RoleCacheFolder, key + ".json");

    public void WriteTokenFile(string key, JsonObject token) => WriteJson(TokenPath(key), token);

    public void WriteRoleFile(string key, JsonObject body) => WriteJson(RolePath(key), body);

    public JsonObject? ReadJson(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : null;

    public static void WriteJson(string path, JsonNode node)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    /// <summary>Every file under ~/.aws, relative, for "nothing else was written" checks.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(AwsFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(AwsFolder, f))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every file under HOME but the token and credential caches: where a secret has no business.</summary>
    public IEnumerable<string> FilesOutsideCaches() =>
        Directory.EnumerateFiles(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => !f.StartsWith(TokenCacheFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.StartsWith(RoleCacheFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    /// <summary>Every *.json in the AWS CLI's two cache folders (lock files are expected there).</summary>
    public string[] CacheFiles() =>
        new[] { TokenCacheFolder, RoleCacheFolder }
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.json"))
            .ToArray();

    /// <summary>Every file under HOME that holds one of these secrets (as UTF-8 bytes).</summary>
    public IReadOnlyList<string> FilesHolding(IEnumerable<string> secrets)
    {
        var needles = secrets.Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        return Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Where(file => File.ReadAllBytes(file) is var bytes && needles.Any(needle => bytes.AsSpan().IndexOf(needle) >= 0))
            .ToList();
    }

    /// <summary>A file's text; null where there is none to read (absent, a folder, unreadable by design).</summary>
    public static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
