namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// A mapped field's value in the record being decoded. Text stays as a position in the block until the row is
/// built, so fields of dropped rows are never decoded.
/// </summary>
internal struct AvroCapture
{
    public AvroValueKind Kind;

    /// <summary>Start of the UTF-8 bytes in the block, for <see cref="AvroValueKind.Text"/>.</summary>
    public int Offset;

    /// <summary>Length of the UTF-8 bytes, for <see cref="AvroValueKind.Text"/>.</summary>
    public int Length;

    /// <summary>The number, for <see cref="AvroValueKind.Integer"/> and the time kinds.</summary>
    public long Integer;

    /// <summary>The number, for <see cref="AvroValueKind.Real"/>.</summary>
    public double Real;

    /// <summary>The symbol, for <see cref="AvroValueKind.Symbol"/>.</summary>
    public string? Symbol;
}
