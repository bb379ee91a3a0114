using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ssocred.Diagnostics;

/// <summary>
/// A bearer token, refresh token, client secret, secret key or session token. It redacts itself
/// wherever it is formatted (logs, messages, debugger), so only code that calls
/// <see cref="Reveal"/> (the AWS calls, the cache files, Output/) ever sees the value.
/// </summary>
[JsonConverter(typeof(SecretJsonConverter))]
internal readonly struct Secret : IEquatable<Secret>
{
    private readonly string? _value;

    public Secret(string value) => _value = value;

    public bool IsEmpty => string.IsNullOrEmpty(_value);

    public string Reveal() => _value ?? string.Empty;

    public override string ToString() => IsEmpty ? "(none)" : "***";

    public bool Equals(Secret other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Secret other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(Secret left, Secret right) => left.Equals(right);

    public static bool operator !=(Secret left, Secret right) => !left.Equals(right);

    public static Secret? FromNullable(string? value) => string.IsNullOrEmpty(value) ? null : new Secret(value);
}

/// <summary>Cache files hold secrets as plain JSON strings, as the AWS CLI writes them.</summary>
internal sealed class SecretJsonConverter : JsonConverter<Secret>
{
    public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new Secret(reader.GetString()!)
            : throw new JsonException("expected a string");

    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Reveal());
}
