using System.Globalization;

namespace Clickcast.Ingestion.Sources.Text;

/// <summary>
/// Reads a decompressing stream up to a number of bytes and fails with a <see cref="SourceFormatException"/>
/// naming the cap past it, so that a small compressed file cannot make unbounded work.
/// </summary>
internal sealed class CappedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _cap;
    private readonly string _sourceName;
    private long _read;

    public CappedReadStream(Stream inner, long cap, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        _inner = inner;
        _cap = cap;
        _sourceName = sourceName;
    }

    /// <summary>Decompressed bytes read so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte more than the cap allows, so that reaching the cap exactly is not an error.
        var allowed = (int)Math.Min(buffer.Length, _cap - _read + 1);
        if (allowed <= 0)
        {
            throw Exceeded();
        }

        var read = _inner.Read(buffer[..allowed]);
        _read += read;
        return _read > _cap ? throw Exceeded() : read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private SourceFormatException Exceeded() => new(
        _sourceName,
        null,
        string.Create(CultureInfo.InvariantCulture, $"the file decompresses to more than {_cap} bytes, the per-file cap (Limits.MaxDecompressedBytesPerFile, Limits.MaxDecompressionRatio)"));
}
