using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ssocred.Tests.Support;

/// <summary>
/// A seeded mutator of JSON documents for fuzzing: byte-level damage (flips, cuts, insertions,
/// truncation, duplication) and structure-level changes (a field set to a value of another type
/// or an odd time, removed, renamed, nested deep), one to three per case. Same seed, same cases.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Tokens = ["null", "true", "1e999", "-0", "\"", "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", ",", ":", "\"\":", "\u00e9", "\uffff"];

    private static readonly string[] OddTimes =
    [
        "2026-11-28T12:00:00Z", "2026-11-28T12:00:00UTC", "2026-11-28T21:00:00+09:00", "2026-11-28T12:00:00.123456789Z",
        "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2026-02-30T00:00:00Z", "2026-11-28T24:00:00Z",
        "2026-11-28 12:00:00", "2026-11-28", "12:00:00", "+002026-11-28T12:00:00Z", "2026-11-28T12:00:00+99:99",
        "２０２６-11-28T12:00:00Z", "1764331200", "Sat, 28 Nov 2026 12:00:00 GMT", "2026-11-28T12:00:00ZUTC", " 2026-11-28T12:00:00Z ",
    ];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public byte[] Mutate(byte[] original)
    {
        var bytes = original;
        for (var edits = _random.Next(1, 4); edits > 0; edits--)
        {
            bytes = _random.Next(2) == 0 ? MutateBytes(bytes) : MutateStructure(bytes) ?? MutateBytes(bytes);
        }

        return bytes;
    }

    private byte[] MutateBytes(byte[] input)
    {
        var bytes = input.ToList();
        var at = _random.Next(bytes.Count + 1);
        switch (_random.Next(6))
        {
            case 0 when at < bytes.Count:
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when at < bytes.Count:
                bytes.RemoveRange(at, Math.Min(_random.Next(1, 17), bytes.Count - at));
                break;
            case 2:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 4 when at < bytes.Count:
                var length = Math.Min(_random.Next(1, 33), bytes.Count - at);
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            default:
                bytes.Insert(at, (byte)_random.Next(256));
                break;
        }

        return [.. bytes];
    }

    /// <summary>Null where the input is no longer a JSON object JsonNode can edit (then bytes are damaged instead).</summary>
    private byte[]? MutateStructure(byte[] input)
    {
        try
        {
            return JsonNode.Parse(input) is JsonObject document ? Edit(document) : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null; // JsonNode refuses duplicate keys, for one
        }
    }

    private byte[] Edit(JsonObject document)
    {
        // The object to change: the document, or an object inside it (Credentials).
        var target = document;
        if (document.Select(p => p.Value).OfType<JsonObject>().FirstOrDefault() is { } inner && _random.Next(2) == 0)
        {
            target = inner;
        }

        var names = target.Select(p => p.Key).ToList();
        var name = names.Count > 0 && _random.Next(4) > 0 ? names[_random.Next(names.Count)] : "extra" + _random.Next(10);
        switch (_random.Next(5))
        {
            case 0:
                target.Remove(name);
                break;
            case 1:
                var value = target[name]?.DeepClone();
                target.Remove(name);
                target[_random.Next(2) == 0 ? name.ToUpperInvariant() : name + " "] = value;
                break;
            case 2:
                var nested = target[name]?.DeepClone();
                for (var depth = _random.Next(1, 200); depth > 0; depth--)
                {
                    nested = new JsonArray(nested);
                }

                target[name] = nested;
                break;
            default:
                target[name] = Value();
                break;
        }

        return _random.Next(20) == 0
            ? Encoding.UTF8.GetBytes($"[{document.ToJsonString()}]")
            : Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private JsonNode? Value() => _random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(_random.NextDouble() * double.MaxValue),
        4 => JsonValue.Create(string.Empty),
        5 => JsonValue.Create(new string('x', _random.Next(1, 100_000))),
        6 => JsonValue.Create("ünï 😀 \u0000 \"quoted\""),
        7 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)),
        8 => new JsonObject { ["nested"] = JsonValue.Create("x") },
        _ => JsonValue.Create(OddTimes[_random.Next(OddTimes.Length)]),
    };
}
