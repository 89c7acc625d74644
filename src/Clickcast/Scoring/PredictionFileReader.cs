using System.Runtime.CompilerServices;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Parquet;

namespace Clickcast.Scoring;

/// <summary>Reads a predictions Parquet file row by row, a row group at a time.</summary>
public static class PredictionFileReader
{
    /// <summary>Every row of the file at <paramref name="path"/>, in file order.</summary>
    /// <exception cref="InvalidDataException">The file lacks one of the predictions columns.</exception>
    public static IAsyncEnumerable<Prediction> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync(path, compaction: null, cancellationToken);

    /// <summary>
    /// Every row of the file at <paramref name="path"/>, in file order; before each row group, a long pass's
    /// <paramref name="compaction"/> (when given) gets its chance to collect.
    /// </summary>
    /// <exception cref="InvalidDataException">The file lacks one of the predictions columns.</exception>
    public static async IAsyncEnumerable<Prediction> ReadAsync(string path, LargeObjectCompaction? compaction, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var schema = reader.Schema;
        var names = schema.GetDataFields().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var missing = PredictionFile.Schema.GetDataFields().Select(f => f.Name).Where(n => !names.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"'{path}' is not a predictions file: it lacks column(s) {string.Join(", ", missing)}.");
        }

        // Tenant, task and bucket repeat on every row: one string each instead of one per row.
        var pool = new StringPool();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            compaction?.Tick();
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var tenants = await ReadStringsAsync(group, schema.FindDataField(PredictionFile.Tenant.Name), count, cancellationToken).ConfigureAwait(false);
            var tasks = await ReadStringsAsync(group, schema.FindDataField(PredictionFile.Task.Name), count, cancellationToken).ConfigureAwait(false);
            var clients = await ReadStringsAsync(group, schema.FindDataField(PredictionFile.ClientId.Name), count, cancellationToken).ConfigureAwait(false);
            var buckets = await ReadStringsAsync(group, schema.FindDataField(PredictionFile.Bucket.Name), count, cancellationToken).ConfigureAwait(false);
            var probabilities = new double[count];
            var percentiles = new double[count];
            var above = new bool[count];
            var versions = new int[count];
            var times = new DateTime[count];
            await group.ReadAsync<double>(schema.FindDataField(PredictionFile.Probability.Name), probabilities, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<double>(schema.FindDataField(PredictionFile.Percentile.Name), percentiles, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<bool>(schema.FindDataField(PredictionFile.AboveThreshold.Name), above, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<int>(schema.FindDataField(PredictionFile.ModelVersion.Name), versions, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<DateTime>(schema.FindDataField(PredictionFile.ScoredAt.Name), times, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                yield return new Prediction(
                    pool.Get(tenants[i]),
                    pool.Get(tasks[i]),
                    clients[i],
                    probabilities[i],
                    percentiles[i],
                    pool.Get(buckets[i]),
                    above[i],
                    versions[i],
                    new DateTimeOffset(DateTime.SpecifyKind(times[i], DateTimeKind.Utc)));
            }
        }
    }

    private static async Task<string[]> ReadStringsAsync(ParquetRowGroupReader group, Parquet.Schema.DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new string[count];
        await group.ReadAsync(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
        return values;
    }
}
