using System.Buffers.Binary;
using System.Globalization;
using Parquet.Meta;

namespace Clickcast.Ingestion.Sources.Columnar;

/// <summary>
/// Checks a Parquet file's footer and the page headers of the columns to be read before Parquet.Net decodes them:
/// lengths and counts must fit in the file, pages in their column chunk, and the pages' uncompressed sizes in the
/// file's decompression budget. Parquet.Net allocates whatever these claim, so they are trusted only after this.
/// </summary>
internal static class ParquetLayout
{
    /// <summary>Longest page header accepted (they hold statistics: a few values, usually a few hundred bytes).</summary>
    private const int MaxPageHeaderBytes = 1024 * 1024;

    private const int TrailerLength = 8;

    /// <summary>Throws a <see cref="SourceFormatException"/> unless the footer's structure fits in its bytes.</summary>
    public static void CheckFooter(Stream file, SourceReadContext context)
    {
        var length = file.Length;
        Span<byte> trailer = stackalloc byte[TrailerLength];
        if (length < 4 + TrailerLength)
        {
            throw Fail(context, "the file is shorter than a Parquet header and footer");
        }

        file.Position = length - TrailerLength;
        file.ReadExactly(trailer);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(trailer);
        if (!trailer[4..].SequenceEqual("PAR1"u8))
        {
            throw Fail(context, "the file does not end with the Parquet magic number");
        }

        if (footerLength <= 0 || footerLength > length - 4 - TrailerLength)
        {
            throw Fail(context, string.Create(CultureInfo.InvariantCulture, $"the footer claims {footerLength} bytes in a file of {length}"));
        }

        var footer = new byte[footerLength];
        file.Position = length - TrailerLength - footerLength;
        file.ReadExactly(footer);
        file.Position = 0;
        var position = 0;
        if (!ThriftCompactWalker.TryWalkStruct(footer, ref position, []))
        {
            throw Fail(context, "the footer is corrupt (a length or count runs past its end)");
        }
    }

    /// <summary>
    /// Walks the pages of one column chunk, adding their uncompressed sizes to <paramref name="decompressed"/>;
    /// throws a <see cref="SourceFormatException"/> when a page header is corrupt, a page leaves the chunk or the
    /// file, or the file's pages would decompress past <see cref="SourceReadContext.MaxDecompressedBytes"/>.
    /// </summary>
    public static void CheckPages(Stream file, ColumnMetaData column, int group, ref long decompressed, SourceReadContext context)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"row group {group}, column {string.Join('.', column.PathInSchema)}");
        var start = column.DataPageOffset;
        if (column.DictionaryPageOffset is long dictionary && dictionary > 0 && dictionary < start)
        {
            start = dictionary;
        }

        var end = start + column.TotalCompressedSize;
        if (start < 4 || column.TotalCompressedSize < 0 || end > file.Length)
        {
            throw Fail(context, $"{where}: the column chunk lies outside the file");
        }

        var buffer = new byte[(int)Math.Min(MaxPageHeaderBytes, end - start)];
        Span<long> fields = stackalloc long[3];
        var position = start;
        while (position < end)
        {
            var window = (int)Math.Min(buffer.Length, end - position);
            file.Position = position;
            file.ReadExactly(buffer, 0, window);
            var headerLength = 0;
            if (!ThriftCompactWalker.TryWalkStruct(buffer.AsSpan(0, window), ref headerLength, fields))
            {
                throw Fail(context, $"{where}: a page header at byte {position} is corrupt");
            }

            // PageHeader: 1 type, 2 uncompressed_page_size, 3 compressed_page_size.
            var uncompressed = fields[1];
            var compressed = fields[2];
            if (uncompressed < 0 || compressed < 0 || position + headerLength + compressed > end)
            {
                throw Fail(context, $"{where}: a page at byte {position} claims {compressed} bytes ({uncompressed} uncompressed), past its column chunk");
            }

            decompressed += uncompressed;
            if (decompressed > context.MaxDecompressedBytes)
            {
                throw Fail(context, string.Create(CultureInfo.InvariantCulture, $"{where}: the pages decompress to more than {context.MaxDecompressedBytes} bytes, the per-file cap (Limits.MaxDecompressedBytesPerFile, Limits.MaxDecompressionRatio)"));
            }

            position += headerLength + compressed;
        }

        file.Position = 0;
    }

    private static SourceFormatException Fail(SourceReadContext context, string reason) => new(context.SourceName, null, reason);
}
