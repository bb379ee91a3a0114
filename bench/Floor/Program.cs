using System.Text.Json;
using System.Text.Json.Serialization;

// floor PATH: prints the credential-process JSON for the botocore role-cache file at PATH.
var cached = JsonSerializer.Deserialize(File.ReadAllBytes(args[0]), FloorJson.Default.CachedRole)!.Credentials;
using var stdout = Console.OpenStandardOutput();
JsonSerializer.Serialize(stdout, new ProcessOutput(1, cached.AccessKeyId, cached.SecretAccessKey, cached.SessionToken, cached.Expiration), FloorJson.Default.ProcessOutput);
stdout.WriteByte((byte)'\n');

internal sealed record CachedRole(Credentials Credentials);

internal sealed record Credentials(string AccessKeyId, string SecretAccessKey, string SessionToken, string Expiration);

internal sealed record ProcessOutput(int Version, string AccessKeyId, string SecretAccessKey, string SessionToken, string Expiration);

[JsonSerializable(typeof(CachedRole))]
[JsonSerializable(typeof(ProcessOutput))]
internal sealed partial class FloorJson : JsonSerializerContext;
