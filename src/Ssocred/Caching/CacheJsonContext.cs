using System.Text.Json.Serialization;

namespace Ssocred.Caching;

/// <summary>Source-generated JSON for the cache files: no reflection at start-up or under AOT.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(CachedToken))]
[JsonSerializable(typeof(CachedRoleCredentials))]
[JsonSerializable(typeof(CachedRegistration))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
