using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ssocred.EndToEnd.Support;

/// <summary>
/// What the AWS CLI and other ssocred processes do: read cache files without any lock. The
/// watcher reads every *.json of the token and credential caches in a loop, and records any read
/// that is not complete JSON of the entry's shape.
/// </summary>
internal sealed class CacheFileWatcher : IAsyncDisposable
{
    private readonly TestHome _home;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, int> _lastContent = new(StringComparer.Ordinal);
    private bool _firstPassDone;

    private CacheFileWatcher(TestHome home)
    {
        _home = home;
        _loop = Task.Run(Loop);
    }

    public int Reads { get; private set; }

    public List<string> Partial { get; } = [];

    /// <summary>
    /// Reads that found an entry other than the reader's last read of it (or an entry created
    /// after the first pass): proof that it was reading while the writers wrote.
    /// </summary>
    public int Changes { get; private set; }

    public static CacheFileWatcher Start(TestHome home) => new(home);

    /// <summary>Why a cache file's content is not a whole entry, or null when it is.</summary>
    public static string? Problem(TestHome home, string path, byte[] content)
    {
        try
        {
            var json = JsonNode.Parse(content)?.AsObject();
            // ~/.aws/sso/cache holds tokens and client registrations; ~/.aws/cli/cache role credentials.
            return path.StartsWith(home.TokenCacheFolder, StringComparison.Ordinal)
                ? json?["expiresAt"] is null || (json["accessToken"] is null && json["clientSecret"] is null) ? "neither a whole token nor a whole registration" : null
                : json?["Credentials"]?["SecretAccessKey"] is null || json["Credentials"]?["Expiration"] is null ? "a role file without its credentials" : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return $"not complete JSON ({e.Message})";
        }
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var folder in new[] { _home.TokenCacheFolder, _home.RoleCacheFolder }.Where(Directory.Exists))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
                {
                    byte[] content;
                    try
                    {
                        content = File.ReadAllBytes(file);
                    }
                    catch (FileNotFoundException)
                    {
                        continue;
                    }

                    Reads++;
                    if (Problem(_home, file, content) is { } problem)
                    {
                        Partial.Add($"{Path.GetFileName(file)}: {problem}");
                    }

                    var hash = new HashCode();
                    hash.AddBytes(content);
                    var current = hash.ToHashCode();
                    if (_lastContent.TryGetValue(file, out var last) ? last != current : _firstPassDone)
                    {
                        Changes++;
                    }

                    _lastContent[file] = current;
                }
            }

            _firstPassDone = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
