namespace PowerMap.Web.Features.ImportExport;

/// <summary>
/// Limits of a topology import (<c>PowerMap:MaxImportBytes</c>), the same for the API and the browser's import page.
/// The app's own XL export is about 45 MB; the default leaves room for ten times that.
/// </summary>
public sealed record ImportOptions(long MaxImportBytes = ImportOptions.DefaultMaxImportBytes)
{
    public const long DefaultMaxImportBytes = 512L * 1024 * 1024;

    public string MaxImportText => $"{MaxImportBytes / (1024 * 1024)} MB";
}

/// <summary>
/// A request body read as a stream with a size cap: past <c>limit</c> bytes it throws Kestrel's own 413
/// (<see cref="BadHttpRequestException"/>), which the API answers with a problem document. Also tells whether the
/// body held anything but whitespace.
/// </summary>
public sealed class LimitedBodyStream(Stream inner, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public bool SawContent { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (BytesRead > limit)
        {
            throw new BadHttpRequestException($"The document is larger than the import limit of {limit / (1024 * 1024)} MB (PowerMap:MaxImportBytes).",
                StatusCodes.Status413PayloadTooLarge);
        }
        if (!SawContent && read.Trim(" \t\r\n"u8).Length > 0)
        {
            SawContent = true;
        }
        return read.Length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
