using System.Text;
using Avro;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>The container header: magic, metadata map (schema, codec) and sync marker.</summary>
internal sealed partial class AvroBlockReader
{
    /// <summary>Largest header entry (the schema is the big one).</summary>
    private const int MaxHeaderValueBytes = 16 * 1024 * 1024;

    /// <summary>Reads and checks the header: magic, metadata (schema, codec) and sync marker.</summary>
    /// <exception cref="SourceFormatException">The file is empty, not an Avro container, or its header is broken.</exception>
    public AvroContainerHeader ReadHeader()
    {
        if (_header is not null)
        {
            throw new InvalidOperationException("The header has been read already.");
        }

        Span<byte> magic = stackalloc byte[AvroContainerHeader.Magic.Length];
        var read = ReadInto(magic);
        if (read == 0)
        {
            throw Fail("the file is empty");
        }

        if (read < magic.Length || !magic.SequenceEqual(AvroContainerHeader.Magic))
        {
            throw Fail("not an Avro object container file (it does not start with the bytes 'Obj' 1)");
        }

        var metadata = ReadMetadata();
        var sync = new byte[AvroContainerHeader.SyncMarkerLength];
        if (ReadInto(sync) < sync.Length)
        {
            throw Fail("the header is truncated: the sync marker is missing");
        }

        if (!metadata.TryGetValue(AvroContainerHeader.SchemaKey, out var schemaBytes))
        {
            throw Fail("the header has no avro.schema entry");
        }

        var codecName = metadata.TryGetValue(AvroContainerHeader.CodecKey, out var codecBytes) ? Encoding.UTF8.GetString(codecBytes) : null;
        if (!AvroCompression.TryParse(codecName, out var codec))
        {
            throw Fail($"the codec '{codecName}' is not supported (null, deflate, snappy and zstandard are)");
        }

        _header = new AvroContainerHeader(ParseSchema(schemaBytes), codec, sync);
        return _header;
    }

    private Dictionary<string, byte[]> ReadMetadata()
    {
        const string Where = "the header";
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (true)
        {
            var count = ReadLong(ReadByteOrFail(Where), Where);
            if (count == 0)
            {
                return metadata;
            }

            if (count < 0)
            {
                // A negative count is followed by the block's size in bytes, which a reader may ignore.
                count = count == long.MinValue ? long.MaxValue : -count;
                ReadLong(ReadByteOrFail(Where), Where);
            }

            // Each entry takes at least two bytes, so a lying count ends at the end of the file.
            for (long i = 0; i < count; i++)
            {
                var key = Encoding.UTF8.GetString(ReadHeaderValue());
                metadata[key] = ReadHeaderValue();
            }
        }
    }

    private byte[] ReadHeaderValue()
    {
        const string Where = "the header";
        var length = ReadLong(ReadByteOrFail(Where), Where);
        if (length < 0 || length > MaxHeaderValueBytes)
        {
            throw Fail($"the header has an entry of {length} bytes, outside 0 to {MaxHeaderValueBytes}");
        }

        if (_stream.CanSeek && length > _stream.Length - Position)
        {
            throw Fail("the header is truncated");
        }

        var value = new byte[length];
        if (ReadInto(value) < value.Length)
        {
            throw Fail("the header is truncated");
        }

        return value;
    }

    private RecordSchema ParseSchema(byte[] json)
    {
        Schema? schema;
        try
        {
            schema = Schema.Parse(Encoding.UTF8.GetString(json));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Apache.Avro and the JSON parser under it throw several exception types for a bad schema.
            throw Fail($"the schema in the header does not parse: {ex.Message}", ex);
        }

        return schema switch
        {
            RecordSchema record => record,
            null => throw Fail("the schema in the header does not parse (a type Apache.Avro does not know)"),
            _ => throw Fail($"the schema is of type '{schema.Tag.ToString().ToLowerInvariant()}', not a record"),
        };
    }
}
