using System.Text.Json;
using System.Text.Unicode;
using Ssocred.Credentials;

namespace Ssocred.Caching;

/// <summary>
/// Reads a role-credential file ({"ProviderType":"sso","Credentials":{…}}) straight off a
/// Utf8JsonReader. This is the warm path's only parse, and building the serializer's metadata
/// for it cost more than the whole rest of the run (bench/findings.md); the file is written
/// through <see cref="CachedRoleCredentials"/> as usual.
/// </summary>
internal static class RoleCredentialsFile
{
    /// <summary>The credentials, or null when the text is not such a file (corrupt, truncated, wrong shape).</summary>
    public static RoleCredentials? TryParse(ReadOnlySpan<byte> utf8)
    {
        // Text that is not UTF-8 is not JSON: absent, as the serializer and botocore see it (and
        // GetString would throw on it rather than fail the parse).
        if (!Utf8.IsValid(utf8))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            RoleCredentials? credentials = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCredentials = reader.ValueTextEquals("Credentials"u8);
                reader.Read();
                if (isCredentials)
                {
                    credentials = ReadCredentials(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            // Anything after the object makes the file invalid JSON, as the serializer would say.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? credentials : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: GetString on a lone surrogate escape ("\ud800"), which no string can hold.
            return null;
        }
    }

    private static RoleCredentials? ReadCredentials(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? accessKeyId = null, secretAccessKey = null, sessionToken = null, expiration = null, fetchedAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref var field = ref accessKeyId;
            var known = true;
            if (reader.ValueTextEquals("AccessKeyId"u8))
            {
                field = ref accessKeyId;
            }
            else if (reader.ValueTextEquals("SecretAccessKey"u8))
            {
                field = ref secretAccessKey;
            }
            else if (reader.ValueTextEquals("SessionToken"u8))
            {
                field = ref sessionToken;
            }
            else if (reader.ValueTextEquals("Expiration"u8))
            {
                field = ref expiration;
            }
            else if (reader.ValueTextEquals("FetchedAt"u8))
            {
                field = ref fetchedAt;
            }
            else
            {
                known = false;
            }

            reader.Read();
            if (!known)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                field = reader.GetString();
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                return null; // a known field of the wrong type: the file is not of this shape
            }
        }

        return accessKeyId is { Length: > 0 } && secretAccessKey is { Length: > 0 } && sessionToken is { Length: > 0 }
               && CacheTime.TryParse(expiration, out var expires)
            ? new RoleCredentials(accessKeyId, new Diagnostics.Secret(secretAccessKey), new Diagnostics.Secret(sessionToken), expires, CacheTime.TryParse(fetchedAt, out var fetched) ? fetched : null)
            : null;
    }
}
