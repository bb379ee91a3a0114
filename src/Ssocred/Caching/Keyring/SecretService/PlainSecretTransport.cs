using Tmds.DBus.Protocol;

namespace Ssocred.Caching.Keyring.SecretService;

/// <summary>
/// The <c>plain</c> transport: secrets cross the session bus as they are. The bus is private to
/// the user, so only something recording its traffic would see them; kept for services that
/// offer nothing else.
/// </summary>
internal sealed class PlainSecretTransport : ISecretTransport
{
    public string Algorithm => "plain";

    public VariantValue Input => VariantValue.String(string.Empty);

    public void Accept(VariantValue output)
    {
    }

    public (byte[] Parameters, byte[] Value) Seal(ReadOnlySpan<byte> secret) => ([], secret.ToArray());

    public byte[] Open(byte[] parameters, byte[] value) => value;
}
