using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Training.Baselines;

namespace Clickcast.Training.Memory;

/// <summary>
/// What a training holds per sampled client, charged to <see cref="ModelSettings.TrainingMemoryMiB"/>: the chains, the
/// judging of validation and test, and the largest of the families it trains (they train one after another). Each
/// part is an upper bound from the layout of what is held; the GRU's weights and batch are charged once
/// (<see cref="SampleFootprint.FixedBytes"/>); the process's runtime, the reading's buffers and libtorch's own are a
/// constant beside it (docs/architecture.md, "Training's memory").
/// </summary>
public static class TrainingFootprint
{
    /// <summary>
    /// Judging: per family the raw and calibrated scores (16 bytes) and, while a split is evaluated, its labels and the
    /// ranking's arrays (≈ 32); charged to every client, whatever its split. The inputs are made one at a time as a
    /// split is scored (<see cref="ExampleInputs"/>), not held.
    /// </summary>
    internal const int JudgingBytesPerClient = 48;

    /// <summary>What a logistic-regression row takes beside its entries: its page, offset and length, and its label.</summary>
    internal const int RowBytes = (3 * sizeof(int)) + sizeof(bool);

    /// <summary>Bytes one sparse entry (a token or token × type pair: its id and value) takes in a feature row at most (the wide layout; 4 when narrow).</summary>
    internal const int SparseEntryBytes = sizeof(int) + sizeof(float);

    /// <summary>Dense columns of a baseline row at most: the baseline's and the aggregates of the most event types.</summary>
    internal static int MaxDenseColumns => BaselineFeatures.DenseNames.Count + AggregateColumns(AggregateLayout.MaxEventTypes);

    /// <summary>What training with <paramref name="settings"/> holds per client (families by <see cref="ModelSettings.Family"/>).</summary>
    public static SampleFootprint Of(ModelSettings settings) => Of(settings, Environment.ProcessorCount);

    /// <summary>What training with <paramref name="settings"/> holds per client on a machine of <paramref name="processorCount"/> cores.</summary>
    public static SampleFootprint Of(ModelSettings settings, int processorCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var families = Families(settings.Family).Select(kind => Family(kind, settings, processorCount)).ToList();
        var chains = SampleFootprint.Chains;
        return new SampleFootprint(
            chains.PerClient + JudgingBytesPerClient + families.Max(f => f.PerClient),
            chains.PerEvent,
            families.Max(f => f.PerWindowEvent),
            settings.MaxSequenceLength)
        {
            FixedBytes = families.Max(f => f.FixedBytes),
        };
    }

    /// <summary>
    /// What one family's features take per client beside the chains: the logistic regression's rows (13 bytes, 4 per
    /// dense column, up to a token and a token × type pair per window event), LightGBM's dense matrix and LightGBM's
    /// binned copy of it (5 bytes per column, the top tokens included) and its gradients and scores (32; the inputs
    /// the matrix is built from are made one at a time); the GRU's encoded chains, and once its weights' copies and a
    /// batch (<see cref="GruFootprint"/>).
    /// </summary>
    public static SampleFootprint Family(ModelFamilyKind kind, ModelSettings settings, int processorCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var window = settings.MaxSequenceLength;
        return kind switch
        {
            ModelFamilyKind.LogisticRegression => new SampleFootprint(RowBytes + (sizeof(float) * MaxDenseColumns), 0, 2 * SparseEntryBytes, window),
            ModelFamilyKind.LightGbm => new SampleFootprint(((sizeof(float) + 1) * (MaxDenseColumns + settings.LightGbm.TopTokens)) + 32, 0, 0, window),
            ModelFamilyKind.Gru => new SampleFootprint(GruFootprint.BytesPerClient, 0, GruFootprint.BytesPerEvent, window) { FixedBytes = GruFootprint.FixedBytes(settings, processorCount) },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model family"),
        };
    }

    /// <summary>The families a choice trains.</summary>
    public static IReadOnlyList<ModelFamilyKind> Families(ModelFamilyChoice choice) => choice switch
    {
        ModelFamilyChoice.Gru => [ModelFamilyKind.Gru],
        ModelFamilyChoice.LightGbm => [ModelFamilyKind.LightGbm],
        ModelFamilyChoice.LogisticRegression => [ModelFamilyKind.LogisticRegression],
        _ => [ModelFamilyKind.LogisticRegression, ModelFamilyKind.LightGbm, ModelFamilyKind.Gru],
    };

    /// <summary>
    /// The clients a training with <paramref name="settings"/> reads from <paramref name="manifest"/>:
    /// <see cref="ModelSettings.MaxTrainingClients"/>, lowered so that the sample fits
    /// <see cref="ModelSettings.TrainingMemoryMiB"/> at <see cref="Of(ModelSettings)"/>'s bytes per client.
    /// </summary>
    public static TrainingSampleSize SampleSize(ModelSettings settings, SequenceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(manifest);
        var footprint = Of(settings);
        var available = TrainingSample.ClientsAtMost(manifest);
        var meanEvents = TrainingSample.StoredEvents(manifest) / (double)Math.Max(1, available);
        var clients = TrainingSample.ClientsWithin(settings.MaxTrainingClients, settings.TrainingMemoryMiB, manifest, footprint);
        return new TrainingSampleSize(clients, available, meanEvents, footprint.BytesPerClient(meanEvents), clients < Math.Min(settings.MaxTrainingClients, available), footprint.FixedBytes);
    }

    private static int AggregateColumns(int eventTypes) =>
        new AggregateLayout { EventTypes = [.. Enumerable.Range(0, eventTypes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))] }.Names.Count;
}
