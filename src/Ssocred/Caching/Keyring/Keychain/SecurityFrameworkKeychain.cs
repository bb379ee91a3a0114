using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Ssocred.Caching.Keyring.Keychain;

/// <summary>
/// Security.framework's generic-password calls (SecKeychainFindGenericPassword and friends)
/// through source-generated, AOT-safe P/Invoke. These work on every macOS ssocred supports and
/// need no Core Foundation dictionaries; the label is set as the item's kSecLabelItemAttr.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed partial class SecurityFrameworkKeychain : IKeychain
{
    private const string Security = "/System/Library/Frameworks/Security.framework/Security";
    private const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";
    private const uint LabelAttribute = 0x6C61626C; // 'labl'
    private const uint ServiceAttribute = 0x73766365; // 'svce'
    private const uint AccountAttribute = 0x61636374; // 'acct'
    private const uint GenericPasswordClass = 0x67656E70; // 'genp', kSecGenericPasswordItemClass

    public int Find(string service, string account, out byte[]? password)
    {
        password = null;
        var serviceBytes = Encoding.UTF8.GetBytes(service);
        var accountBytes = Encoding.UTF8.GetBytes(account);
        var status = SecKeychainFindGenericPassword(
            IntPtr.Zero, (uint)serviceBytes.Length, serviceBytes, (uint)accountBytes.Length, accountBytes, out var length, out var data, out var item);
        if (status != KeychainStatus.Success)
        {
            return status;
        }

        try
        {
            password = new byte[length];
            Marshal.Copy(data, password, 0, (int)length);
            return status;
        }
        finally
        {
            _ = SecKeychainItemFreeContent(IntPtr.Zero, data);
            CFRelease(item);
        }
    }

    public int Save(string service, string account, string label, ReadOnlySpan<byte> password)
    {
        var serviceBytes = Encoding.UTF8.GetBytes(service);
        var accountBytes = Encoding.UTF8.GetBytes(account);
        var secret = password.ToArray();
        var status = SecKeychainFindGenericPassword(
            IntPtr.Zero, (uint)serviceBytes.Length, serviceBytes, (uint)accountBytes.Length, accountBytes, IntPtr.Zero, IntPtr.Zero, out var item);
        if (status == KeychainStatus.ItemNotFound)
        {
            status = SecKeychainAddGenericPassword(
                IntPtr.Zero, (uint)serviceBytes.Length, serviceBytes, (uint)accountBytes.Length, accountBytes, (uint)secret.Length, secret, out item);
            if (status != KeychainStatus.Success)
            {
                return status;
            }

            // Added: only the label is left to set (no data: the password is in place).
            secret = [];
        }
        else if (status != KeychainStatus.Success)
        {
            return status;
        }

        try
        {
            return ModifyLabelAndData(item, label, secret);
        }
        finally
        {
            CFRelease(item);
        }
    }

    public int Delete(string service, string account)
    {
        var serviceBytes = Encoding.UTF8.GetBytes(service);
        var accountBytes = Encoding.UTF8.GetBytes(account);
        var status = SecKeychainFindGenericPassword(
            IntPtr.Zero, (uint)serviceBytes.Length, serviceBytes, (uint)accountBytes.Length, accountBytes, IntPtr.Zero, IntPtr.Zero, out var item);
        if (status != KeychainStatus.Success)
        {
            return status;
        }

        try
        {
            return SecKeychainItemDelete(item);
        }
        finally
        {
            CFRelease(item);
        }
    }

    public int ListAccounts(string service, out IReadOnlyList<string> accounts)
    {
        var found = new List<string>();
        accounts = found;
        var serviceBytes = Encoding.UTF8.GetBytes(service);
        var serviceData = Marshal.AllocHGlobal(serviceBytes.Length);
        var query = Marshal.AllocHGlobal(Marshal.SizeOf<KeychainAttribute>());
        var wanted = Marshal.AllocHGlobal(Marshal.SizeOf<KeychainAttribute>());
        var wantedList = Marshal.AllocHGlobal(Marshal.SizeOf<KeychainAttributeList>());
        var search = IntPtr.Zero;
        try
        {
            Marshal.Copy(serviceBytes, 0, serviceData, serviceBytes.Length);
            Marshal.StructureToPtr(new KeychainAttribute { Tag = ServiceAttribute, Length = (uint)serviceBytes.Length, Data = serviceData }, query, fDeleteOld: false);
            var status = SecKeychainSearchCreateFromAttributes(IntPtr.Zero, GenericPasswordClass, new KeychainAttributeList { Count = 1, Attributes = query }, out search);
            if (status != KeychainStatus.Success)
            {
                return status;
            }

            while ((status = SecKeychainSearchCopyNext(search, out var item)) == KeychainStatus.Success)
            {
                try
                {
                    // CopyContent fills in the data of the attributes asked for; FreeContent gives it back.
                    Marshal.StructureToPtr(new KeychainAttribute { Tag = AccountAttribute }, wanted, fDeleteOld: false);
                    Marshal.StructureToPtr(new KeychainAttributeList { Count = 1, Attributes = wanted }, wantedList, fDeleteOld: false);
                    status = SecKeychainItemCopyContent(item, IntPtr.Zero, wantedList, IntPtr.Zero, IntPtr.Zero);
                    if (status != KeychainStatus.Success)
                    {
                        return status;
                    }

                    var account = Marshal.PtrToStructure<KeychainAttribute>(Marshal.PtrToStructure<KeychainAttributeList>(wantedList).Attributes);
                    var bytes = new byte[account.Length];
                    if (account.Length > 0)
                    {
                        Marshal.Copy(account.Data, bytes, 0, bytes.Length);
                    }

                    found.Add(Encoding.UTF8.GetString(bytes));
                    _ = SecKeychainItemFreeContent(wantedList, IntPtr.Zero);
                }
                finally
                {
                    CFRelease(item);
                }
            }

            return status == KeychainStatus.ItemNotFound ? KeychainStatus.Success : status;
        }
        finally
        {
            if (search != IntPtr.Zero)
            {
                CFRelease(search);
            }

            Marshal.FreeHGlobal(wantedList);
            Marshal.FreeHGlobal(wanted);
            Marshal.FreeHGlobal(query);
            Marshal.FreeHGlobal(serviceData);
        }
    }

    private static int ModifyLabelAndData(IntPtr item, string label, byte[] secret)
    {
        var labelBytes = Encoding.UTF8.GetBytes(label);
        var labelData = Marshal.AllocHGlobal(labelBytes.Length);
        var attribute = Marshal.AllocHGlobal(Marshal.SizeOf<KeychainAttribute>());
        try
        {
            Marshal.Copy(labelBytes, 0, labelData, labelBytes.Length);
            Marshal.StructureToPtr(new KeychainAttribute { Tag = LabelAttribute, Length = (uint)labelBytes.Length, Data = labelData }, attribute, fDeleteOld: false);
            var list = new KeychainAttributeList { Count = 1, Attributes = attribute };
            return secret.Length == 0
                ? SecKeychainItemModifyAttributesAndData(item, list, 0, IntPtr.Zero)
                : SecKeychainItemModifyAttributesAndData(item, list, (uint)secret.Length, secret);
        }
        finally
        {
            Marshal.FreeHGlobal(attribute);
            Marshal.FreeHGlobal(labelData);
        }
    }

    [LibraryImport(Security)]
    private static partial int SecKeychainFindGenericPassword(
        IntPtr keychain, uint serviceLength, byte[] service, uint accountLength, byte[] account, out uint passwordLength, out IntPtr password, out IntPtr item);

    [LibraryImport(Security, EntryPoint = "SecKeychainFindGenericPassword")]
    private static partial int SecKeychainFindGenericPassword(
        IntPtr keychain, uint serviceLength, byte[] service, uint accountLength, byte[] account, IntPtr passwordLength, IntPtr password, out IntPtr item);

    [LibraryImport(Security)]
    private static partial int SecKeychainAddGenericPassword(
        IntPtr keychain, uint serviceLength, byte[] service, uint accountLength, byte[] account, uint passwordLength, byte[] password, out IntPtr item);

    [LibraryImport(Security)]
    private static partial int SecKeychainItemModifyAttributesAndData(IntPtr item, in KeychainAttributeList attributes, uint length, byte[] data);

    [LibraryImport(Security, EntryPoint = "SecKeychainItemModifyAttributesAndData")]
    private static partial int SecKeychainItemModifyAttributesAndData(IntPtr item, in KeychainAttributeList attributes, uint length, IntPtr data);

    [LibraryImport(Security)]
    private static partial int SecKeychainItemDelete(IntPtr item);

    [LibraryImport(Security)]
    private static partial int SecKeychainSearchCreateFromAttributes(IntPtr keychainOrArray, uint itemClass, in KeychainAttributeList attributes, out IntPtr search);

    [LibraryImport(Security)]
    private static partial int SecKeychainSearchCopyNext(IntPtr search, out IntPtr item);

    [LibraryImport(Security)]
    private static partial int SecKeychainItemCopyContent(IntPtr item, IntPtr itemClass, IntPtr attributes, IntPtr length, IntPtr data);

    [LibraryImport(Security)]
    private static partial int SecKeychainItemFreeContent(IntPtr attributes, IntPtr data);

    [LibraryImport(CoreFoundation)]
    private static partial void CFRelease(IntPtr item);

    /// <summary>SecKeychainAttribute.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct KeychainAttribute
    {
        public uint Tag;
        public uint Length;
        public IntPtr Data;
    }

    /// <summary>SecKeychainAttributeList.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct KeychainAttributeList
    {
        public uint Count;
        public IntPtr Attributes;
    }
}
