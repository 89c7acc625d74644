using Clickcast.Diagnostics;
using Clickcast.Storage;
using Parquet;

namespace Clickcast.Scoring;

/// <summary>
/// Writes one predictions Parquet file (see <see cref="PredictionFile"/> for the columns), a row group per
/// 64 K rows, so a scoring run can stream millions of clients through it.
/// </summary>
public sealed class PredictionFileWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly LargeObjectCompaction? _compaction;
    private readonly List<Prediction> _pending = new(PredictionFile.RowGroupSize);

    private PredictionFileWriter(Stream stream, ParquetWriter writer, LargeObjectCompaction? compaction)
    {
        _stream = stream;
        _writer = writer;
        _compaction = compaction;
    }

    /// <summary>Rows written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Creates a new file at <paramref name="path"/>; fails when it exists.</summary>
    public static Task<PredictionFileWriter> CreateAsync(string path, CancellationToken cancellationToken = default) =>
        CreateAsync(path, compaction: null, cancellationToken);

    /// <summary>
    /// Creates a new file at <paramref name="path"/> (fails when it exists); before each row group is written, a long
    /// pass's <paramref name="compaction"/> (when given) gets its chance to collect.
    /// </summary>
    public static async Task<PredictionFileWriter> CreateAsync(string path, LargeObjectCompaction? compaction, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            var writer = await ParquetWriter.CreateAsync(PredictionFile.Schema, stream, PredictionFile.WriteOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["clickcast.layout"] = "predictions/1" };
            return new PredictionFileWriter(stream, writer, compaction);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes <paramref name="predictions"/> as one object <paramref name="key"/> (through a temporary file).</summary>
    public static async Task<StoredObject> WriteAsync(IObjectStore store, string key, IEnumerable<Prediction> predictions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(predictions);
        ObjectKey.Validate(key);
        var path = ScratchSpace.Process.NewPath("predictions", PredictionFile.Extension);
        try
        {
            await using (var writer = await CreateAsync(path, cancellationToken).ConfigureAwait(false))
            {
                foreach (var prediction in predictions)
                {
                    await writer.AddAsync(prediction, cancellationToken).ConfigureAwait(false);
                }
            }

            return await store.PutFileAsync(key, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Adds one row; a full row group is written out.</summary>
    public async ValueTask AddAsync(Prediction prediction, CancellationToken cancellationToken = default)
    {
        _pending.Add(prediction);
        Count++;
        if (_pending.Count == PredictionFile.RowGroupSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        _compaction?.Tick();
        var rows = _pending;
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync(PredictionFile.Tenant, rows.ConvertAll(p => p.Tenant)).ConfigureAwait(false);
            await group.WriteAsync(PredictionFile.Task, rows.ConvertAll(p => p.Task)).ConfigureAwait(false);
            await group.WriteAsync(PredictionFile.ClientId, rows.ConvertAll(p => p.ClientId)).ConfigureAwait(false);
            await group.WriteAsync<double>(PredictionFile.Probability, rows.ConvertAll(p => p.Probability).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(PredictionFile.Percentile, rows.ConvertAll(p => p.Percentile).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(PredictionFile.Bucket, rows.ConvertAll(p => p.Bucket)).ConfigureAwait(false);
            await group.WriteAsync<bool>(PredictionFile.AboveThreshold, rows.ConvertAll(p => p.AboveThreshold).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<int>(PredictionFile.ModelVersion, rows.ConvertAll(p => p.ModelVersion).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(PredictionFile.ScoredAt, rows.ConvertAll(p => PredictionFile.ToStoredTime(p.ScoredAt)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        _pending.Clear();
    }

    /// <summary>Writes what is buffered and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
