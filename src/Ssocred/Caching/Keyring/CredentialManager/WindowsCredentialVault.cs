using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Ssocred.Caching.Keyring.CredentialManager;

/// <summary>advapi32's generic credentials, through source-generated (AOT-safe) P/Invoke.</summary>
[SupportedOSPlatform("windows")]
internal sealed partial class WindowsCredentialVault : ICredentialVault
{
    private const uint Generic = 1;           // CRED_TYPE_GENERIC
    private const uint LocalMachine = 2;      // CRED_PERSIST_LOCAL_MACHINE: this user, this machine, across logons
    private const int NotFound = 1168;        // ERROR_NOT_FOUND

    public int MaxBlobSize => 5 * 512;

    public byte[]? Read(string target)
    {
        if (!CredRead(target, Generic, 0, out var credential))
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NotFound ? null : throw new CredentialVaultException("CredReadW", error);
        }

        try
        {
            var native = Marshal.PtrToStructure<NativeCredential>(credential);
            var blob = new byte[native.CredentialBlobSize];
            if (blob.Length > 0)
            {
                Marshal.Copy(native.CredentialBlob, blob, 0, blob.Length);
            }

            return blob;
        }
        finally
        {
            CredFree(credential);
        }
    }

    public void Write(string target, string comment, ReadOnlySpan<byte> blob)
    {
        var targetName = Marshal.StringToHGlobalUni(target);
        var commentText = Marshal.StringToHGlobalUni(comment);
        var userName = Marshal.StringToHGlobalUni(KeyringItemKind.Service);
        var data = Marshal.AllocHGlobal(Math.Max(blob.Length, 1));
        try
        {
            Marshal.Copy(blob.ToArray(), 0, data, blob.Length);
            var credential = new NativeCredential
            {
                Type = Generic,
                TargetName = targetName,
                Comment = commentText,
                CredentialBlobSize = (uint)blob.Length,
                CredentialBlob = data,
                Persist = LocalMachine,
                UserName = userName,
            };
            if (!CredWrite(credential, 0))
            {
                throw new CredentialVaultException("CredWriteW", Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            // The blob held a secret: cleared before the memory goes back.
            Marshal.Copy(new byte[blob.Length], 0, data, blob.Length);
            Marshal.FreeHGlobal(data);
            Marshal.FreeHGlobal(userName);
            Marshal.FreeHGlobal(commentText);
            Marshal.FreeHGlobal(targetName);
        }
    }

    public bool Delete(string target)
    {
        if (CredDelete(target, Generic, 0))
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NotFound ? false : throw new CredentialVaultException("CredDeleteW", error);
    }

    public IReadOnlyList<string> Enumerate(string filter)
    {
        if (!CredEnumerate(filter, 0, out var count, out var credentials))
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NotFound ? [] : throw new CredentialVaultException("CredEnumerateW", error);
        }

        try
        {
            var names = new List<string>((int)count);
            for (var i = 0; i < count; i++)
            {
                var native = Marshal.PtrToStructure<NativeCredential>(Marshal.ReadIntPtr(credentials, i * IntPtr.Size));
                if (native.Type == Generic && Marshal.PtrToStringUni(native.TargetName) is { } name)
                {
                    names.Add(name);
                }
            }

            return names;
        }
        finally
        {
            CredFree(credentials);
        }
    }

    [LibraryImport("advapi32.dll", EntryPoint = "CredReadW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CredRead(string target, uint type, uint flags, out IntPtr credential);

    [LibraryImport("advapi32.dll", EntryPoint = "CredWriteW", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CredWrite(in NativeCredential credential, uint flags);

    [LibraryImport("advapi32.dll", EntryPoint = "CredDeleteW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CredDelete(string target, uint type, uint flags);

    [LibraryImport("advapi32.dll", EntryPoint = "CredEnumerateW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CredEnumerate(string filter, uint flags, out uint count, out IntPtr credentials);

    [LibraryImport("advapi32.dll", EntryPoint = "CredFree")]
    private static partial void CredFree(IntPtr buffer);

    /// <summary>CREDENTIALW.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeCredential
    {
        public uint Flags;
        public uint Type;
        public IntPtr TargetName;
        public IntPtr Comment;
        public uint LastWrittenLow;
        public uint LastWrittenHigh;
        public uint CredentialBlobSize;
        public IntPtr CredentialBlob;
        public uint Persist;
        public uint AttributeCount;
        public IntPtr Attributes;
        public IntPtr TargetAlias;
        public IntPtr UserName;
    }
}
