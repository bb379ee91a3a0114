using Tmds.DBus.Protocol;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>
/// How secrets travel between ssocred and the Secret Service within one session (the
/// <c>OpenSession</c> algorithm): the value handed to OpenSession, what to do with its answer,
/// and how a secret is sealed and opened.
/// </summary>
internal interface ISecretTransport
{
    string Algorithm { get; }

    /// <summary>OpenSession's <c>input</c> argument.</summary>
    VariantValue Input { get; }

    /// <summary>Takes OpenSession's <c>output</c> (the service's half of a key agreement).</summary>
    void Accept(VariantValue output);

    /// <summary>The <c>parameters</c> and <c>value</c> of a Secret struct.</summary>
    (byte[] Parameters, byte[] Value) Seal(ReadOnlySpan<byte> secret);

    byte[] Open(byte[] parameters, byte[] value);
}
