using System.Runtime.CompilerServices;
using Clickcast.Events;
using Parquet;
using Parquet.Schema;

namespace Clickcast.Scoring;

/// <summary>
/// The Parquet layout of predictions: <c>tenant, task, client_id, probability, percentile, bucket, above_threshold,
/// model_version, scored_at (TIMESTAMP µs UTC)</c>. Scoring writes it; exports and the API read it.
/// </summary>
public static class PredictionFile
{
    private const int RowGroupSize = 100_000;

    private static readonly DataField Tenant = new DataField<string>("tenant", nullable: false);
    private static readonly DataField Task = new DataField<string>("task", nullable: false);
    private static readonly DataField ClientId = new DataField<string>("client_id", nullable: false);
    private static readonly DataField Probability = new DataField<double>("probability", nullable: false);
    private static readonly DataField Percentile = new DataField<double>("percentile", nullable: false);
    private static readonly DataField Bucket = new DataField<string>("bucket", nullable: false);
    private static readonly DataField AboveThreshold = new DataField<bool>("above_threshold", nullable: false);
    private static readonly DataField ModelVersion = new DataField<int>("model_version", nullable: false);
    private static readonly DataField ScoredAt = new DateTimeDataField("scored_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    private static readonly ParquetSchema Schema = new(Tenant, Task, ClientId, Probability, Percentile, Bucket, AboveThreshold, ModelVersion, ScoredAt);

    /// <summary>Writes predictions to a local file.</summary>
    public static async Task WriteAsync(string path, string tenant, string task, IReadOnlyList<Prediction> predictions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        options.ColumnEncodingHints[Bucket.Name] = EncodingHint.Dictionary;
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < predictions.Count || start == 0; start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, predictions.Count - start);
            var rows = Enumerable.Range(start, count).Select(i => predictions[i]).ToArray();
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(Tenant, Enumerable.Repeat(tenant, count).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(Task, Enumerable.Repeat(task, count).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(ClientId, rows.Select(p => p.ClientId).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(Probability, rows.Select(p => p.Probability).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(Percentile, rows.Select(p => p.Percentile).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(Bucket, rows.Select(p => BucketName(p.Bucket)).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<bool>(AboveThreshold, rows.Select(p => p.AboveThreshold).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<int>(ModelVersion, rows.Select(p => p.ModelVersion).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(ScoredAt, rows.Select(p => EventFile.ToDateTime(p.ScoredAtMicros)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (predictions.Count == 0)
            {
                break;
            }
        }
    }

    /// <summary>Reads predictions from a local file.</summary>
    public static async IAsyncEnumerable<Prediction> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var clients = new string?[n];
            var probabilities = new double[n];
            var percentiles = new double[n];
            var buckets = new string?[n];
            var above = new bool[n];
            var versions = new int[n];
            var times = new DateTime[n];
            await group.ReadAsync(fields[ClientId.Name], clients.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<double>(fields[Probability.Name], probabilities, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<double>(fields[Percentile.Name], percentiles, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(fields[Bucket.Name], buckets.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<bool>(fields[AboveThreshold.Name], above, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<int>(fields[ModelVersion.Name], versions, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<DateTime>(fields[ScoredAt.Name], times, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                yield return new Prediction(clients[i]!, probabilities[i], percentiles[i], ParseBucket(buckets[i]), above[i], versions[i], EventFile.ToMicros(times[i]));
            }
        }
    }

    /// <summary>The bucket as written in files and APIs: <c>high</c>, <c>medium</c>, <c>low</c>.</summary>
    public static string BucketName(ScoreBucket bucket) => bucket switch
    {
        ScoreBucket.High => "high",
        ScoreBucket.Medium => "medium",
        _ => "low",
    };

    private static ScoreBucket ParseBucket(string? name) => name switch
    {
        "high" => ScoreBucket.High,
        "medium" => ScoreBucket.Medium,
        _ => ScoreBucket.Low,
    };
}
