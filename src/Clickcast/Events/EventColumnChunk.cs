namespace Clickcast.Events;

/// <summary>Where one column of one row group went in an events file, for the footer.</summary>
/// <param name="DictionaryOffset">The dictionary page's offset, or -1 for a plain column.</param>
/// <param name="DataOffset">The data page's offset.</param>
/// <param name="Uncompressed">Bytes of the pages, headers included, before compression.</param>
/// <param name="Compressed">Bytes of the pages, headers included, as written.</param>
internal readonly record struct EventColumnChunk(long DictionaryOffset, long DataOffset, long Uncompressed, long Compressed)
{
    public long FirstOffset => DictionaryOffset >= 0 ? DictionaryOffset : DataOffset;

    public bool HasDictionary => DictionaryOffset >= 0;
}
