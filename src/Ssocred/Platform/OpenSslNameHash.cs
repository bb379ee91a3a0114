using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Ssocred.Caching;

namespace Ssocred.Platform;

/// <summary>
/// OpenSSL's subject-name hash (<c>X509_NAME_hash_ex</c>, what <c>openssl x509 -hash</c> prints and
/// <c>c_rehash</c> names the files of a hashed certificate folder after): SHA-1 over the name's
/// canonical encoding, its first four bytes read little-endian. The canonical encoding turns every
/// text value into UTF-8, trims and collapses ASCII white space and lower-cases ASCII letters.
/// It only picks which files to read; whether a file's certificate really issued another is
/// decided by the chain build, so a wrong hash can cost a lookup, never trust.
/// </summary>
internal static class OpenSslNameHash
{
    /// <summary>The hash as the folder's file names spell it (eight lower-case hex digits), or null when the name cannot be canonicalised.</summary>
    public static string? FileStem(X500DistinguishedName name)
    {
        var canonical = Canonical(name.RawData);
        if (canonical is null)
        {
            return null;
        }

        var digest = Sha1.HashData(canonical);
        return BinaryPrimitives.ReadUInt32LittleEndian(digest).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The relative distinguished names, each a DER SET OF (attribute, canonical value), concatenated without the outer SEQUENCE.</summary>
    private static byte[]? Canonical(ReadOnlyMemory<byte> name)
    {
        try
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            var rdns = new AsnReader(name, AsnEncodingRules.BER).ReadSequence();
            var output = new MemoryStream();
            while (rdns.HasData)
            {
                var set = rdns.ReadSetOf(skipSortOrderValidation: true);
                writer.Reset();
                using (writer.PushSetOf())
                {
                    while (set.HasData)
                    {
                        var attribute = set.ReadSequence();
                        using (writer.PushSequence())
                        {
                            writer.WriteEncodedValue(attribute.ReadEncodedValue().Span);
                            var tag = attribute.PeekTag();
                            var value = attribute.ReadEncodedValue();
                            var text = CanonicalText(tag, value);
                            if (text is null)
                            {
                                writer.WriteEncodedValue(value.Span); // not a text type: kept as it is
                            }
                            else
                            {
                                writer.WriteEncodedValue(Utf8StringValue(text));
                            }
                        }
                    }
                }

                output.Write(writer.Encode());
            }

            return output.ToArray();
        }
        catch (AsnContentException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The canonical UTF-8 bytes of a text value; null for the types OpenSSL copies unchanged.</summary>
    private static byte[]? CanonicalText(Asn1Tag tag, ReadOnlyMemory<byte> encoded)
    {
        if (tag.TagClass != TagClass.Universal || tag.IsConstructed)
        {
            return null;
        }

        AsnDecoder.ReadEncodedValue(encoded.Span, AsnEncodingRules.BER, out var offset, out var length, out _);
        var content = encoded.Span.Slice(offset, length).ToArray();
        var utf8 = (UniversalTagNumber)tag.TagValue switch
        {
            UniversalTagNumber.UTF8String => new UTF8Encoding(false, true).GetBytes(new UTF8Encoding(false, true).GetString(content)),
            UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.VisibleString
                or UniversalTagNumber.T61String => Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(content)),
            UniversalTagNumber.BMPString => Encoding.UTF8.GetBytes(new UnicodeEncoding(true, false, true).GetString(content)),
            UniversalTagNumber.UniversalString => Encoding.UTF8.GetBytes(new UTF32Encoding(true, false, true).GetString(content)),
            _ => null,
        };
        return utf8 is null ? null : Fold(utf8);
    }

    /// <summary>Trims and collapses ASCII white space and lower-cases ASCII letters; other bytes stay.</summary>
    private static byte[] Fold(byte[] text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        var folded = new List<byte>(end - start);
        for (var i = start; i < end; i++)
        {
            var b = text[i];
            if (IsSpace(b))
            {
                folded.Add((byte)' ');
                while (IsSpace(text[i + 1]))
                {
                    i++;
                }
            }
            else
            {
                folded.Add(b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b);
            }
        }

        return [.. folded];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static byte[] Utf8StringValue(byte[] content)
    {
        // Written by hand: AsnWriter only writes a UTF8String from a string, and the canonical
        // bytes must go through unchanged.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(content);
        var encoded = writer.Encode();
        encoded[0] = (byte)UniversalTagNumber.UTF8String;
        return encoded;
    }
}
