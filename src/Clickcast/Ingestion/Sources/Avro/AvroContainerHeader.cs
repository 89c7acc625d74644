using Avro;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>What the header of an Avro object container file says about the blocks after it.</summary>
/// <param name="Schema">The writer schema, a record.</param>
/// <param name="Codec">Block compression.</param>
/// <param name="SyncMarker">The 16 bytes that follow every block.</param>
internal sealed record AvroContainerHeader(RecordSchema Schema, AvroCodec Codec, byte[] SyncMarker)
{
    /// <summary>The four bytes every container file starts with: "Obj" and format version 1.</summary>
    public static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;

    public const int SyncMarkerLength = 16;

    public const string SchemaKey = "avro.schema";

    public const string CodecKey = "avro.codec";
}
