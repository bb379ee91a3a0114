using System.Security.Cryptography;

namespace FakeIdentityCenter;

/// <summary>
/// Makes the values the fake hands out. Every secret carries <see cref="LeakMarker"/> so that tests can
/// scan logs and stderr for it; identifiers that are not secret (client ids, access key ids, user codes) do not.
/// </summary>
internal static class Secrets
{
    public const string LeakMarker = "LEAKMARK";

    private const string Base32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    // No vowels or look-alikes, as real user codes avoid words and confusion.
    private const string UserCodeLetters = "BCDFGHJKLMNPQRSTVWXZ";

    public static string NewAccessToken() => Secret("aoa");

    public static string NewRefreshToken() => Secret("aor");

    public static string NewClientSecret() => Secret("cs");

    public static string NewDeviceCode() => Secret("dc");

    public static string NewAuthorizationCode() => Secret("ac");

    public static string NewSecretAccessKey() => Secret("sk");

    public static string NewSessionToken() => Secret("st");

    public static string NewSigninToken() => Secret("sigt");

    /// <summary>Like a real temporary key id: ASIA and 16 upper-case base32 characters.</summary>
    public static string NewAccessKeyId() => "ASIA" + new string(RandomNumberGenerator.GetItems<char>(Base32Upper, 16));

    public static string NewClientId() => "client-" + RandomNumberGenerator.GetHexString(22, lowercase: true);

    /// <summary>Like <c>BCDF-GHJK</c>.</summary>
    public static string NewUserCode()
    {
        var letters = RandomNumberGenerator.GetItems<char>(UserCodeLetters, 8);
        return new string(letters, 0, 4) + "-" + new string(letters, 4, 4);
    }

    public static string NewRequestId() => Guid.NewGuid().ToString("D");

    private static string Secret(string prefix) =>
        $"{prefix}_{LeakMarker}_{RandomNumberGenerator.GetHexString(32, lowercase: true)}";
}
