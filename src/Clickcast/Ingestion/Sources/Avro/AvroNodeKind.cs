namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>The operation a compiled <see cref="AvroNode"/> performs on the binary encoding.</summary>
internal enum AvroNodeKind : byte
{
    /// <summary>The <c>null</c> type: no bytes.</summary>
    Nothing = 0,

    /// <summary>An <c>int</c>, <c>long</c> or enum that nobody reads.</summary>
    SkipVarint,

    /// <summary>A value of constant size (boolean, float, double, fixed, or a run of them).</summary>
    SkipFixed,

    /// <summary>A string or bytes value that nobody reads.</summary>
    SkipLengthPrefixed,

    /// <summary>A record: its fields in order.</summary>
    Record,

    /// <summary>A union: a branch index, then that branch.</summary>
    Union,

    /// <summary>An array: blocks of items until an empty block.</summary>
    Array,

    /// <summary>A map: blocks of string keys and values until an empty block.</summary>
    Map,

    /// <summary>A mapped string or bytes value: its position is remembered, decoding waits for the row.</summary>
    CaptureText,

    /// <summary>A mapped <c>int</c> or <c>long</c>.</summary>
    CaptureInteger,

    /// <summary>A mapped <c>float</c>.</summary>
    CaptureFloat,

    /// <summary>A mapped <c>double</c>.</summary>
    CaptureDouble,

    /// <summary>A mapped enum.</summary>
    CaptureSymbol,

    /// <summary>The <c>null</c> branch of a mapped union.</summary>
    CaptureNull,
}
