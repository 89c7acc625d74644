using System.Globalization;
using Clickcast.Events;
using Clickcast.Ingestion.Sources.Text;
using Parquet;
using Parquet.Schema;

namespace Clickcast.Ingestion.Sources.Columnar;

/// <summary>
/// Parquet files with a flat or nested (struct) schema. Struct members give dotted paths; list and map columns are
/// not mapped. Needs a seekable stream: the ingestor hands every reader a local file.
/// </summary>
internal sealed class ParquetSourceReader : ISourceReader
{
    public IEnumerable<SourceRecord> Read(Stream content, SourceReadContext context)
    {
        if (!content.CanSeek)
        {
            throw new ArgumentException("Parquet needs a seekable stream.", nameof(content));
        }

        ParquetReader reader;
        try
        {
            ParquetLayout.CheckFooter(content, context);
            // Reading is synchronous on purpose: the file is local and the ingest loop is CPU-bound on its own thread.
            reader = ParquetReader.CreateAsync(content, leaveStreamOpen: true).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (IsLibraryFailure(ex))
        {
            throw new SourceFormatException(context.SourceName, null, $"not a readable Parquet file ({ex.GetType().Name}: {ex.Message})", ex);
        }

        List<DataField> fields;
        List<string> paths;
        try
        {
            // Repeated columns (lists, maps, anything inside them) have more values than rows: they cannot be mapped.
            fields = reader.Schema.DataFields.Where(f => !f.IsArray && f.MaxRepetitionLevel == 0 && f.Path.Length > 0).ToList();
            paths = fields.Select(f => string.Join('.', f.Path.ToList())).ToList();
        }
        catch (Exception ex) when (IsLibraryFailure(ex))
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new SourceFormatException(context.SourceName, null, $"the Parquet schema cannot be read ({ex.GetType().Name}: {ex.Message})", ex);
        }

        if (!FieldMapping.TryResolve(paths, context.Mapping, out var mapping, out var error))
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new SourceFormatException(context.SourceName, null, error);
        }

        context.ResolvedMapping = mapping;
        DataField? Find(string? path) => path is null ? null : fields[paths.IndexOf(path)];
        DataField?[] mapped = [Find(mapping.ClientId), Find(mapping.Timestamp), Find(mapping.Url), Find(mapping.EventType), Find(mapping.Referrer), Find(mapping.UserAgent)];
        return ReadRows(reader, content, mapped, context);
    }

    private static IEnumerable<SourceRecord> ReadRows(ParquetReader reader, Stream content, DataField?[] mapped, SourceReadContext context)
    {
        try
        {
            long row = 0;
            long declaredBytes = 0;
            long pageBytes = 0;
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                object?[][] columns;
                int count;
                try
                {
                    using var rowGroup = reader.OpenRowGroupReader(group);
                    count = CheckedRowCount(rowGroup, group, row, ref declaredBytes, context);
                    foreach (var field in mapped)
                    {
                        if (field is not null && ChunkOf(rowGroup, field) is { } chunk)
                        {
                            ParquetLayout.CheckPages(content, chunk, group, ref pageBytes, context);
                        }
                    }

                    columns = new object?[mapped.Length][];
                    for (var i = 0; i < mapped.Length; i++)
                    {
                        columns[i] = mapped[i] is { } field ? ReadColumn(rowGroup, field, count) : new object?[count];
                    }
                }
                catch (Exception ex) when (IsLibraryFailure(ex))
                {
                    throw new SourceFormatException(context.SourceName, row + 1, $"row group {group} cannot be read ({ex.GetType().Name}: {ex.Message})", ex);
                }

                for (var i = 0; i < count; i++)
                {
                    row++;
                    yield return ToRecord(row, columns, i, context);
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Parquet.Net meets corrupt input with whatever exception its decoders raise (Thrift protocol errors, null
    /// references, index and cast errors): all of them mean the file cannot be read, except our own verdicts,
    /// cancellation and running out of memory.
    /// </summary>
    private static bool IsLibraryFailure(Exception ex) =>
        ex is not (SourceFormatException or OperationCanceledException or OutOfMemoryException);

    /// <summary>
    /// The row group's row count, trusted only as far as the limits go: arrays are sized from it, so a footer
    /// that claims more rows than the file may hold (<see cref="IngestLimits.MaxRowsPerFile"/>), or more rows or
    /// uncompressed bytes than it may decompress to, fails the file before anything is allocated.
    /// </summary>
    private static int CheckedRowCount(ParquetRowGroupReader rowGroup, int group, long rowsBefore, ref long declaredBytes, SourceReadContext context)
    {
        var claimed = rowGroup.RowCount;
        var maxRows = context.Limits.MaxRowsPerFile;
        if (claimed < 0)
        {
            throw new SourceFormatException(context.SourceName, rowsBefore + 1, string.Create(CultureInfo.InvariantCulture, $"row group {group} claims {claimed} rows"));
        }

        if (claimed > context.Limits.MaxRowsPerRowGroup)
        {
            throw new SourceFormatException(context.SourceName, rowsBefore + 1, string.Create(CultureInfo.InvariantCulture, $"row group {group} claims {claimed} rows, past the cap of {context.Limits.MaxRowsPerRowGroup} rows per row group (Limits.MaxRowsPerRowGroup); a row group is read whole"));
        }

        if (claimed > maxRows - rowsBefore)
        {
            throw new SourceFormatException(context.SourceName, rowsBefore + 1, string.Create(CultureInfo.InvariantCulture, $"row group {group} claims {claimed} rows, past the per-file cap of {maxRows} (Limits.MaxRowsPerFile)"));
        }

        // Even an all-equal column costs a few bits per row; a row group that claims more rows than the file may
        // decompress to bytes is a lie or a bomb.
        var maxBytes = context.MaxDecompressedBytes;
        declaredBytes += Math.Max(0, rowGroup.RowGroup.TotalByteSize);
        if (claimed > maxBytes - rowsBefore || declaredBytes > maxBytes)
        {
            throw new SourceFormatException(context.SourceName, rowsBefore + 1, string.Create(CultureInfo.InvariantCulture, $"row group {group} claims {claimed} rows and {declaredBytes} uncompressed bytes so far, past the {maxBytes} bytes the file may decompress to (Limits.MaxDecompressedBytesPerFile, Limits.MaxDecompressionRatio)"));
        }

        return claimed > Array.MaxLength
            ? throw new SourceFormatException(context.SourceName, rowsBefore + 1, string.Create(CultureInfo.InvariantCulture, $"row group {group} claims {claimed} rows, more than one row group can hold here"))
            : (int)claimed;
    }

    private static Parquet.Meta.ColumnMetaData? ChunkOf(ParquetRowGroupReader rowGroup, DataField field)
    {
        var path = field.Path.ToList();
        foreach (var column in rowGroup.RowGroup.Columns)
        {
            if (column.MetaData is { } meta && meta.PathInSchema.SequenceEqual(path, StringComparer.Ordinal))
            {
                return meta;
            }
        }

        return null;
    }

    private static SourceRecord ToRecord(long row, object?[][] columns, int i, SourceReadContext context)
    {
        var time = columns[1][i];
        long micros = 0;
        var timeProblem = time switch
        {
            null => DropReason.MissingTimestamp,
            DateTime dateTime => context.Timestamps.TryFromDateTime(dateTime, out micros) ? DropReason.None : DropReason.InvalidTimestamp,
            DateTimeOffset offset => context.Timestamps.TryFromDateTime(offset.UtcDateTime, out micros) ? DropReason.None : DropReason.InvalidTimestamp,
            long epoch => context.Timestamps.TryFromEpoch(epoch, out micros) ? DropReason.None : DropReason.InvalidTimestamp,
            int epoch => context.Timestamps.TryFromEpoch(epoch, out micros) ? DropReason.None : DropReason.InvalidTimestamp,
            double epoch => context.Timestamps.TryFromEpoch(epoch, out micros) ? DropReason.None : DropReason.InvalidTimestamp,
            string text => TextRecords.ParseTime(text, context, out micros),
            _ => DropReason.InvalidTimestamp,
        };

        return TextRecords.Build(row, Text(columns[0][i]), timeProblem, micros, Text(columns[2][i]), Text(columns[3][i]), Text(columns[4][i]), Text(columns[5][i]), context);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static object?[] ReadColumn(ParquetRowGroupReader rowGroup, DataField field, int count)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            // Parquet.Net 6 describes string columns it reads from a file as ReadOnlyMemory<char>; the string
            // overload decodes them the same way.
            var values = new string?[count];
            rowGroup.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            return values;
        }

        if (type == typeof(long))
        {
            return Box<long>(rowGroup, field, count);
        }

        if (type == typeof(int))
        {
            return Box<int>(rowGroup, field, count);
        }

        if (type == typeof(DateTime))
        {
            return Box<DateTime>(rowGroup, field, count);
        }

        if (type == typeof(DateTimeOffset))
        {
            return Box<DateTimeOffset>(rowGroup, field, count);
        }

        if (type == typeof(double))
        {
            return Box<double>(rowGroup, field, count);
        }

        throw new NotSupportedException($"column '{field.Path}' has type {type.Name}, which cannot hold a client id, time or URL");
    }

    private static object?[] Box<T>(ParquetRowGroupReader rowGroup, DataField field, int count)
        where T : struct
    {
        var result = new object?[count];
        // A required member of an optional struct is null where the struct is.
        if (field.IsNullable || field.MaxDefinitionLevel > 0)
        {
            var values = new T?[count];
            rowGroup.ReadAsync<T>(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (var i = 0; i < count; i++)
            {
                result[i] = values[i];
            }
        }
        else
        {
            var values = new T[count];
            rowGroup.ReadAsync<T>(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (var i = 0; i < count; i++)
            {
                result[i] = values[i];
            }
        }

        return result;
    }
}
