using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Avro;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Writes an Avro object container file: header (schema, codec, sync marker), then blocks of records, each
/// compressed and followed by the sync marker. Records are encoded by the caller through <see cref="Encoder"/>.
/// </summary>
/// <example>
/// <code>
/// using var writer = new AvroContainerWriter(stream, schemaJson, AvroCodec.Snappy);
/// foreach (var e in events)
/// {
///     var record = writer.Encoder;
///     record.WriteString(e.ClientId);
///     record.WriteLong(e.TimestampMicros);
///     record.WriteNullableString(e.Referrer);
///     writer.EndRecord();
/// }
/// </code>
/// Disposing the writer writes the last block.
/// </example>
internal sealed class AvroContainerWriter : IDisposable
{
    private readonly Stream _output;
    private readonly AvroCodec _codec;
    private readonly int _recordsPerBlock;
    private readonly CompressionLevel _compressionLevel;
    private readonly bool _leaveOpen;
    private readonly byte[] _sync;
    private readonly MemoryStream _compressed = new();
    private int _blockRecords;
    private int _committed;
    private bool _disposed;

    /// <summary>Validates the schema and writes the header.</summary>
    /// <exception cref="ArgumentException">The schema does not parse, or the sync marker is not 16 bytes.</exception>
    public AvroContainerWriter(Stream output, string schemaJson, AvroCodec codec, AvroContainerWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);
        if (!Enum.IsDefined(codec))
        {
            throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown Avro codec.");
        }

        options ??= new AvroContainerWriterOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RecordsPerBlock, nameof(options));
        Schema? schema;
        try
        {
            schema = Schema.Parse(schemaJson);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException($"The Avro schema does not parse: {ex.Message}", nameof(schemaJson), ex);
        }

        // Apache.Avro returns null instead of throwing for an object whose type it does not know.
        if (schema is null)
        {
            throw new ArgumentException("The Avro schema does not parse: unknown type.", nameof(schemaJson));
        }

        if (options.SyncMarker is { } sync)
        {
            if (sync.Length != AvroContainerHeader.SyncMarkerLength)
            {
                throw new ArgumentException($"A sync marker has {AvroContainerHeader.SyncMarkerLength} bytes.", nameof(options));
            }

            _sync = [.. sync];
        }
        else
        {
            _sync = RandomNumberGenerator.GetBytes(AvroContainerHeader.SyncMarkerLength);
        }

        _output = output;
        _codec = codec;
        _recordsPerBlock = options.RecordsPerBlock;
        _compressionLevel = options.CompressionLevel;
        _leaveOpen = options.LeaveOpen;
        WriteHeader(schemaJson);
    }

    /// <summary>Encodes the current record; call <see cref="EndRecord"/> after its last field.</summary>
    public AvroBinaryWriter Encoder { get; } = new();

    /// <summary>Records ended so far.</summary>
    public long RecordCount { get; private set; }

    /// <summary>Marks the end of the current record; writes a block when it is full.</summary>
    public void EndRecord()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RecordCount++;
        _committed = Encoder.Length;
        if (++_blockRecords >= _recordsPerBlock)
        {
            WriteBlock();
        }
    }

    /// <summary>Writes the ended records as a block (if any) and flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushBlock();
        _output.Flush();
    }

    /// <summary>Writes the last block; a record not ended is not written.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            FlushBlock();
            _output.Flush();
        }
        finally
        {
            _disposed = true;
            _compressed.Dispose();
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }
    }

    private void FlushBlock()
    {
        if (_blockRecords > 0)
        {
            // Bytes after the last ended record belong to a record still being written: they stay for the next block.
            WriteBlock();
        }
    }

    private void WriteBlock()
    {
        var data = Encoder.WrittenSpan[.._committed];
        ReadOnlySpan<byte> payload = data;
        if (_codec != AvroCodec.Null)
        {
            AvroCompression.Compress(_codec, data, _compressed, _compressionLevel);
            payload = _compressed.GetBuffer().AsSpan(0, (int)_compressed.Length);
        }

        Span<byte> prefix = stackalloc byte[20];
        var prefixLength = AvroBinaryWriter.WriteVarint(prefix, ZigZag(_blockRecords));
        prefixLength += AvroBinaryWriter.WriteVarint(prefix[prefixLength..], ZigZag(payload.Length));
        _output.Write(prefix[..prefixLength]);
        _output.Write(payload);
        _output.Write(_sync);
        Encoder.DiscardBefore(_committed);
        _committed = 0;
        _blockRecords = 0;
    }

    private void WriteHeader(string schemaJson)
    {
        var header = new AvroBinaryWriter(schemaJson.Length * 3 + 128);
        header.WriteFixed(AvroContainerHeader.Magic);
        header.WriteMapBlock(2);
        header.WriteString(AvroContainerHeader.SchemaKey);
        header.WriteBytes(Encoding.UTF8.GetBytes(schemaJson));
        header.WriteString(AvroContainerHeader.CodecKey);
        header.WriteBytes(Encoding.UTF8.GetBytes(AvroCompression.NameOf(_codec)));
        header.WriteMapEnd();
        header.WriteFixed(_sync);
        _output.Write(header.WrittenSpan);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
