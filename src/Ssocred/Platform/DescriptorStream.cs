namespace Ssocred.Platform;

/// <summary>
/// A write-only, unbuffered stream on a Unix descriptor (1 or 2), written with write(2)
/// (<see cref="RawDescriptor"/>). A failing write either throws what <c>onFailure</c> makes of it
/// or, when that returns null, is dropped.
/// </summary>
internal sealed class DescriptorStream(int fd, Func<IOException, Exception?> onFailure) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            RawDescriptor.Write(fd, buffer);
        }
        catch (IOException e) when (onFailure(e) is { } failure)
        {
            throw failure;
        }
        catch (IOException)
        {
            // Dropped: nowhere left to say it.
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
