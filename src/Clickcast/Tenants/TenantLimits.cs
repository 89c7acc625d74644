using System.ComponentModel.DataAnnotations;

namespace Clickcast.Tenants;

/// <summary>
/// The operator's caps on every compute knob a tenant sets in its definition (section <c>Limits</c>), on the
/// definition itself (size, versions kept), and per-tenant quotas. A definition over a cap is refused when it is saved (API and <c>tenants apply</c>) with a 400 naming the
/// field, its value and the limit (<see cref="Check"/>). Defaults admit every shipped default and example.
/// </summary>
public sealed class TenantLimits
{
    /// <summary>Largest <c>model.gru.embeddingSize</c>.</summary>
    [Range(1, 4096)] public int MaxEmbeddingSize { get; set; } = 512;

    /// <summary>Largest <c>model.gru.hiddenSize</c>.</summary>
    [Range(1, 4096)] public int MaxHiddenSize { get; set; } = 512;

    /// <summary>Largest <c>model.gru.layers</c>.</summary>
    [Range(1, 8)] public int MaxLayers { get; set; } = 4;

    /// <summary>Largest <c>model.gru.maxEpochs</c>.</summary>
    [Range(1, 1000)] public int MaxEpochs { get; set; } = 200;

    /// <summary>Largest <c>model.gru.batchSize</c>.</summary>
    [Range(1, 65536)] public int MaxBatchSize { get; set; } = 4096;

    /// <summary>Longest <c>model.gru.timeBudget</c> (one training run).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] public TimeSpan MaxTimeBudget { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Most libtorch threads (<c>model.gru.threads</c>) and scoring batches at once (<c>model.gru.scoringParallelism</c>); the machine's cores by default.</summary>
    [Range(1, 256)] public int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Most <c>model.pretraining.maxClients</c> (clients one encoder is pretrained on).</summary>
    [Range(2, 10_000_000)] public int MaxPretrainingClients { get; set; } = 200_000;

    /// <summary>Most <c>model.pretraining.epochs</c>.</summary>
    [Range(1, 1000)] public int MaxPretrainingEpochs { get; set; } = 50;

    /// <summary>Most <c>model.lightGbm.rounds</c> (trees of one LightGBM model).</summary>
    [Range(1, 100_000)] public int MaxBoostingRounds { get; set; } = 2_000;

    /// <summary>Most <c>model.lightGbm.leaves</c> (leaves per tree).</summary>
    [Range(2, 131_072)] public int MaxLeaves { get; set; } = 255;

    /// <summary>Largest <c>model.vocabularyMaxSize</c>.</summary>
    [Range(3, 10_000_000)] public int MaxVocabularySize { get; set; } = 200_000;

    /// <summary>Largest <c>model.maxSequenceLength</c>.</summary>
    [Range(1, 100_000)] public int MaxSequenceLength { get; set; } = 2_000;

    /// <summary>Largest <c>model.statistics.folds</c> (each fold retrains every family).</summary>
    [Range(2, 20)] public int MaxFolds { get; set; } = 10;

    /// <summary>Largest <c>model.statistics.leakagePermutations</c> (each retrains the task's model).</summary>
    [Range(1, 100)] public int MaxLeakagePermutations { get; set; } = 10;

    /// <summary>Largest <c>model.statistics.bootstrapResamples</c>.</summary>
    [Range(100, 100_000)] public int MaxBootstrapResamples { get; set; } = 5_000;

    /// <summary>Largest <c>model.explainSample</c>.</summary>
    [Range(0, 1_000_000)] public int MaxExplainSample { get; set; } = 100_000;

    /// <summary>Largest <c>model.maxTrainingClients</c> (clients one training reads).</summary>
    [Range(1_000, 100_000_000)] public int MaxTrainingClients { get; set; } = 10_000_000;

    /// <summary>
    /// Largest <c>model.trainingMemoryMiB</c> (MiB one training's sample may take). A definition's 0 (no budget) is over
    /// it: a tenant cannot lift the bound on a worker's memory.
    /// </summary>
    [Range(1, 1_048_576)] public int MaxTrainingMemoryMiB { get; set; } = 4_096;

    /// <summary>Largest <c>sequences.maxEvents</c> (events kept per client).</summary>
    [Range(1, 1_000_000)] public int MaxSequenceEvents { get; set; } = 10_000;

    /// <summary>Largest <c>sequences.eventsPerRange</c> (events one sequence build holds in memory).</summary>
    [Range(10_000, 100_000_000)] public int MaxEventsPerRange { get; set; } = 10_000_000;

    /// <summary>Largest <c>sequences.maxDeltaSegments</c>.</summary>
    [Range(1, 10_000)] public int MaxDeltaSegments { get; set; } = 256;

    /// <summary>Most client-hash shards a tenant may have (<c>shards</c>): each shard is one job per step.</summary>
    [Range(1, 1024)] public int MaxShards { get; set; } = 64;

    /// <summary>Most ranges built at once (<c>sequences.maxParallelism</c>) and files read at once (<c>ingest.maxParallelFiles</c>); the machine's cores by default.</summary>
    [Range(1, 256)] public int MaxParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Largest <c>ingest.limits.maxRecordBytes</c>.</summary>
    [Range(1024, 64 * 1024 * 1024)] public int MaxRecordBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Shortest time between two runs of a <c>retraining.schedule</c> or <c>scoring.schedule</c> cron.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] public TimeSpan MinScheduleInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most tasks in one tenant.</summary>
    [Range(1, 10_000)] public int MaxTasksPerTenant { get; set; } = 50;

    /// <summary>Most queued or running jobs a tenant may have when it asks for another (train, score, backfill, retry): 429 beyond.</summary>
    [Range(1, 999)] public int MaxJobsInFlightPerTenant { get; set; } = 20;

    /// <summary>
    /// Most bytes of raw files a tenant may store (the current version of every file under its raw prefix, uploaded or
    /// landed in the bucket, as the object sensor recorded it); an upload that would pass it is refused with a 507.
    /// 0 = no cap. Derived data (events, sequences, models, scores) is not counted: it is proportional to the raw bytes.
    /// </summary>
    [Range(typeof(long), "0", "9223372036854775807")] public long MaxStoredBytesPerTenant { get; set; } = 100L * 1024 * 1024 * 1024;

    /// <summary>Largest definition in UTF-8 bytes, as a request body (413) and as stored JSON (400).</summary>
    [Range(1024, 64 * 1024 * 1024)] public int MaxDefinitionBytes { get; set; } = 1024 * 1024;

    /// <summary>Versions of a tenant's definition kept in the history; older ones are deleted when a new one is saved.</summary>
    [Range(1, 100_000)] public int MaxDefinitionVersions { get; set; } = 50;

    /// <summary>Problems of <paramref name="tenant"/> against these limits, by path; empty when within them.</summary>
    public IReadOnlyList<string> Check(TenantDefinition tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var problems = new List<string>();
        Over(problems, "tasks", tenant.Tasks.Count, MaxTasksPerTenant, nameof(MaxTasksPerTenant), "tasks");
        Over(problems, "shards", tenant.Shards, MaxShards, nameof(MaxShards));
        Over(problems, "sequences.maxEvents", tenant.Sequences.MaxEvents, MaxSequenceEvents, nameof(MaxSequenceEvents));
        Over(problems, "sequences.eventsPerRange", tenant.Sequences.EventsPerRange, MaxEventsPerRange, nameof(MaxEventsPerRange));
        Over(problems, "sequences.maxDeltaSegments", tenant.Sequences.MaxDeltaSegments, MaxDeltaSegments, nameof(MaxDeltaSegments));
        Over(problems, "sequences.maxParallelism", tenant.Sequences.MaxParallelism, MaxParallelism, nameof(MaxParallelism));
        Over(problems, "ingest.maxParallelFiles", tenant.Ingest.MaxParallelFiles, MaxParallelism, nameof(MaxParallelism));
        Over(problems, "ingest.limits.maxRecordBytes", tenant.Ingest.Limits.MaxRecordBytes, MaxRecordBytes, nameof(MaxRecordBytes));
        for (var i = 0; i < tenant.Tasks.Count; i++)
        {
            var task = tenant.Tasks[i];
            var model = task.Model;
            var gru = model.Gru;
            var path = $"tasks[{i}].model";
            Over(problems, path + ".gru.embeddingSize", gru.EmbeddingSize, MaxEmbeddingSize, nameof(MaxEmbeddingSize));
            Over(problems, path + ".gru.hiddenSize", gru.HiddenSize, MaxHiddenSize, nameof(MaxHiddenSize));
            Over(problems, path + ".gru.layers", gru.Layers, MaxLayers, nameof(MaxLayers));
            Over(problems, path + ".gru.maxEpochs", gru.MaxEpochs, MaxEpochs, nameof(MaxEpochs));
            Over(problems, path + ".gru.batchSize", gru.BatchSize, MaxBatchSize, nameof(MaxBatchSize));
            Over(problems, path + ".gru.threads", gru.Threads, MaxThreads, nameof(MaxThreads));
            Over(problems, path + ".gru.scoringParallelism", gru.ScoringParallelism, MaxThreads, nameof(MaxThreads));
            Over(problems, path + ".gru.trainingParallelism", gru.TrainingParallelism, MaxThreads, nameof(MaxThreads));
            Over(problems, path + ".pretraining.maxClients", model.Pretraining.MaxClients, MaxPretrainingClients, nameof(MaxPretrainingClients));
            Over(problems, path + ".pretraining.epochs", model.Pretraining.Epochs, MaxPretrainingEpochs, nameof(MaxPretrainingEpochs));
            Over(problems, path + ".pretraining.batchSize", model.Pretraining.BatchSize, MaxBatchSize, nameof(MaxBatchSize));
            Over(problems, path + ".pretraining.subChainMax", model.Pretraining.SubChainMax, MaxSequenceLength, nameof(MaxSequenceLength));
            Over(problems, path + ".lightGbm.rounds", model.LightGbm.Rounds, MaxBoostingRounds, nameof(MaxBoostingRounds));
            Over(problems, path + ".lightGbm.leaves", model.LightGbm.Leaves, MaxLeaves, nameof(MaxLeaves));
            Over(problems, path + ".vocabularyMaxSize", model.VocabularyMaxSize, MaxVocabularySize, nameof(MaxVocabularySize));
            Over(problems, path + ".maxSequenceLength", model.MaxSequenceLength, MaxSequenceLength, nameof(MaxSequenceLength));
            Over(problems, path + ".explainSample", model.ExplainSample, MaxExplainSample, nameof(MaxExplainSample));
            Over(problems, path + ".maxTrainingClients", model.MaxTrainingClients, MaxTrainingClients, nameof(MaxTrainingClients));
            if (model.TrainingMemoryMiB == 0)
            {
                problems.Add($"{path}.trainingMemoryMiB: 0 (no budget) exceeds the operator's limit {MaxTrainingMemoryMiB} (Limits:{nameof(MaxTrainingMemoryMiB)})");
            }

            Over(problems, path + ".trainingMemoryMiB", model.TrainingMemoryMiB, MaxTrainingMemoryMiB, nameof(MaxTrainingMemoryMiB));
            Over(problems, path + ".statistics.folds", model.Statistics.Folds, MaxFolds, nameof(MaxFolds));
            Over(problems, path + ".statistics.leakagePermutations", model.Statistics.LeakagePermutations, MaxLeakagePermutations, nameof(MaxLeakagePermutations));
            Over(problems, path + ".statistics.bootstrapResamples", model.Statistics.BootstrapResamples, MaxBootstrapResamples, nameof(MaxBootstrapResamples));
            if (gru.TimeBudget > MaxTimeBudget)
            {
                problems.Add($"{path}.gru.timeBudget: {gru.TimeBudget:c} exceeds the operator's limit {MaxTimeBudget:c} (Limits:{nameof(MaxTimeBudget)})");
            }

            foreach (var (schedule, schedulePath) in new[] { (task.Retraining.Schedule, $"tasks[{i}].retraining.schedule"), (task.Scoring.Schedule, $"tasks[{i}].scoring.schedule") })
            {
                if (ShortestInterval(schedule) is { } interval && interval < MinScheduleInterval)
                {
                    problems.Add($"{schedulePath}: '{schedule}' runs every {interval:c}, more often than the operator's limit of once per {MinScheduleInterval:c} (Limits:{nameof(MinScheduleInterval)})");
                }
            }
        }

        return problems;
    }

    /// <summary>The shortest gap between runs of a cron over a year of occurrences (capped), or null when it is not a valid cron.</summary>
    private static TimeSpan? ShortestInterval(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return null;
        }

        Cronos.CronExpression expression;
        try
        {
            expression = Cronos.CronExpression.Parse(cron);
        }
        catch (Cronos.CronFormatException)
        {
            return null; // DefinitionValidator reports it.
        }

        // A fixed year keeps the answer the same on every save; 2000 occurrences are enough to see the shortest gap.
        var from = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime? previous = null;
        TimeSpan? shortest = null;
        foreach (var occurrence in expression.GetOccurrences(from, from.AddYears(1)).Take(2000))
        {
            if (previous is { } before && (shortest is null || occurrence - before < shortest))
            {
                shortest = occurrence - before;
            }

            previous = occurrence;
        }

        return shortest;
    }

    private static void Over(List<string> problems, string path, int value, int limit, string setting, string? unit = null)
    {
        if (value > limit)
        {
            problems.Add($"{path}: {value}{(unit is null ? string.Empty : " " + unit)} exceeds the operator's limit {limit} (Limits:{setting})");
        }
    }
}
