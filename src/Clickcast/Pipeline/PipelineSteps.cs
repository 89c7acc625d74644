using System.Globalization;
using System.Text.Json;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// How one step leads to the next: ingest → sequences → train → score → export. Each follow-up has an
/// idempotency key derived from what it works on, so a retried step never enqueues its successor twice.
/// </summary>
public sealed class PipelineSteps
{
    private readonly JobQueue _queue;
    private readonly TenantCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly PipelineOptions _options;

    public PipelineSteps(JobQueue queue, TenantCatalog catalog, TimeProvider timeProvider, Microsoft.Extensions.Options.IOptions<PipelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queue = queue;
        _catalog = catalog;
        _time = timeProvider;
        _options = options.Value;
    }

    /// <summary>After an ingest: one sequence update per debounce window.</summary>
    public Task<int> AfterIngestAsync(Job ingest, CancellationToken cancellationToken) =>
        OncePerDebounceWindowAsync(ingest, JobKind.Sequences, "sequences", cancellationToken);

    /// <summary>
    /// After an ingest that left an events folder over the compaction trigger (and after its sequence update is
    /// queued): one <see cref="JobKind.CompactEvents"/> per debounce window. Due with the window's sequence update and
    /// queued after it, so that update runs first and the compaction then merges files it has read (no rebuild: see EventFold).
    /// </summary>
    public Task<int> AfterIngestCompactionAsync(Job ingest, CancellationToken cancellationToken) =>
        OncePerDebounceWindowAsync(ingest, JobKind.CompactEvents, "compact", cancellationToken);

    /// <summary>After sequences changed to <paramref name="generation"/>: a training job per task (which decides whether training is due).</summary>
    public Task<int> AfterSequencesAsync(Job sequences, long generation, CancellationToken cancellationToken) =>
        AfterSequencesAsync(sequences, generation, new SequencesPayload(), cancellationToken);

    /// <summary>
    /// After sequences changed to <paramref name="generation"/>: a training job per task of <paramref name="payload"/>
    /// with its trigger; a backfill's follow-ups are keyed by the backfill, so they run even when the generation did not change.
    /// </summary>
    public async Task<int> AfterSequencesAsync(Job sequences, long generation, SequencesPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(payload);
        var tenant = await _catalog.GetAsync(sequences.Tenant, cancellationToken).ConfigureAwait(false);
        var created = 0;
        foreach (var task in (tenant?.Tasks ?? []).Where(t => payload.Task is null || t.Id == payload.Task))
        {
            var key = payload.Backfill is { } backfill
                ? string.Create(CultureInfo.InvariantCulture, $"train|{task.Id}|backfill-{backfill}")
                : $"train|{task.Id}|gen{generation}";
            created += await EnqueueAsync(sequences.Tenant, task.Id, JobKind.Train, new TrainPayload(payload.Trigger), key, sequences.Id, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>
    /// A sharded tenant's sequence update to <paramref name="generation"/>: one <see cref="JobKind.SequencesShard"/>
    /// job per shard, keyed by generation and shard, so a second update before the commit adds none. Returns how many were new.
    /// </summary>
    public async Task<int> SequencesShardsAsync(Job sequences, long generation, int shards, SequencesPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var created = 0;
        for (var shard = 0; shard < shards; shard++)
        {
            created += await EnqueueAsync(sequences.Tenant, null, JobKind.SequencesShard, new SequencesShardPayload(generation, shard, shards, payload), SequencesShardKey(generation, shard), sequences.Id, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>After the last shard of a generation: its one <see cref="JobKind.SequencesCommit"/>.</summary>
    public Task<int> AfterSequencesShardsAsync(Job shard, SequencesShardPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(payload);
        return EnqueueAsync(shard.Tenant, null, JobKind.SequencesCommit, new SequencesCommitPayload(payload.Generation, payload.Shards, payload.Then), string.Create(CultureInfo.InvariantCulture, $"sequences-commit|g{payload.Generation}"), shard.Id, cancellationToken);
    }

    /// <summary>
    /// After a sharded commit that was superseded, or that missed event files which arrived while its shards ran: one
    /// more sequence update with the commit's follow-ups.
    /// </summary>
    public Task<int> SequencesAgainAsync(Job commit, SequencesCommitPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(payload);
        return EnqueueAsync(commit.Tenant, null, JobKind.Sequences, payload.Then, string.Create(CultureInfo.InvariantCulture, $"sequences|after-g{payload.Generation}"), commit.Id, cancellationToken);
    }

    /// <summary>The idempotency key of one shard's job of a generation.</summary>
    private static string SequencesShardKey(long generation, int shard) => string.Create(CultureInfo.InvariantCulture, $"sequences-shard|g{generation}|s{shard}");

    /// <summary>After a training job (trained or not): score with whatever is champion now.</summary>
    public Task<int> AfterTrainAsync(Job train, long generation, int? championVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        return EnqueueAsync(train.Tenant, train.Task!, JobKind.Score, new ScorePayload("after training"), $"score|{train.Task}|gen{generation}|v{championVersion}", train.Id, cancellationToken);
    }

    /// <summary>After a scoring run: one export job for all of the task's destinations.</summary>
    public Task<int> AfterScoreAsync(Job score, string runId, string predictionsKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(score);
        return EnqueueAsync(score.Tenant, score.Task!, JobKind.Export, new ExportPayload(runId, predictionsKey), $"export|{score.Task}|{runId}", score.Id, cancellationToken);
    }

    /// <summary>After a sharded scoring run's commit: one export job per shard's part, each for all of the task's destinations.</summary>
    public async Task<int> AfterScoreShardsAsync(Job commit, string runId, string runFolder, int shards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var created = 0;
        for (var shard = 0; shard < shards; shard++)
        {
            var payload = new ExportShardPayload(runId, runFolder + Scoring.PredictionParts.PartName(shard), shard, shards);
            created += await EnqueueAsync(commit.Tenant, commit.Task!, JobKind.ExportShard, payload, string.Create(CultureInfo.InvariantCulture, $"export|{commit.Task}|{runId}|s{shard:D4}"), commit.Id, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>Enqueues a step job with a payload (a tenant-wide one without <paramref name="task"/>); returns 1 when it was new.</summary>
    public async Task<int> EnqueueAsync<T>(string tenant, string? task, JobKind kind, T payload, string key, long? parent, CancellationToken cancellationToken)
    {
        var result = await _queue.EnqueueAsync(
            new JobRequest(tenant, kind) { Task = task, Payload = JsonSerializer.Serialize(payload, ClickcastJson.Options), IdempotencyKey = key, ParentId = parent },
            cancellationToken).ConfigureAwait(false);
        return result.Created ? 1 : 0;
    }

    /// <summary>
    /// One <paramref name="kind"/> job per <see cref="PipelineOptions.SequencesDebounce"/> window after an ingest, due at
    /// the window's end; without a debounce, one per ingest, due now.
    /// </summary>
    private async Task<int> OncePerDebounceWindowAsync(Job ingest, JobKind kind, string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        var debounce = _options.SequencesDebounce.Ticks;
        var window = debounce <= 0 ? 0 : _time.GetUtcNow().UtcTicks / debounce;
        var result = await _queue.EnqueueAsync(
            new JobRequest(ingest.Tenant, kind)
            {
                IdempotencyKey = debounce <= 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}|after-ingest-{ingest.Id}")
                    : string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}|window-{window}"),
                NotBefore = debounce <= 0 ? null : new DateTimeOffset((window + 1) * debounce, TimeSpan.Zero),
                ParentId = ingest.Id,
            },
            cancellationToken).ConfigureAwait(false);
        return result.Created ? 1 : 0;
    }
}
