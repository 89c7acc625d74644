namespace Clickcast.Training.Memory;

/// <summary>
/// What the GRU's training holds, charged to <see cref="ModelSettings.TrainingMemoryMiB"/> by
/// <see cref="TrainingFootprint"/>: per sampled client its encoded chain; once per training the network's parameters
/// in every copy Adam and early stopping keep, one training batch's tensors and activations at the longest window,
/// and a scoring batch per scoring thread (validation, test, explanation). Bounds from the layout of what is held
/// (docs/architecture.md, "Training's memory").
/// </summary>
public static class GruFootprint
{
    /// <summary>
    /// Steps (rows × the longest chain's length) one scoring batch holds at most, whatever
    /// <c>TorchOptions.ScoringBatchSize</c>: 16,384 steps are ≈ 55 MiB of activations at the default widths, where
    /// 1,024 chains of 200 steps would take ≈ 690 MiB a scoring thread.
    /// </summary>
    public const int MaxScoringSteps = 16_384;

    /// <summary>The encoded event: token id, type id and <see cref="EncodedSequence.FeatureCount"/> floats.</summary>
    internal const int BytesPerEvent = sizeof(int) + sizeof(int) + (EncodedSequence.FeatureCount * sizeof(float));

    /// <summary>
    /// Per encoded chain beside its events: three array headers (72), its slot in the family's list and that list's
    /// growth (64), the trainer's copy of the chain and label (25), its length (4), and the validation scoring's
    /// score, order, key and AUC input (20), rounded up.
    /// </summary>
    internal const int BytesPerClient = 192;

    /// <summary>Copies of every parameter: the weights, their gradient, Adam's two moments and the best epoch's snapshot.</summary>
    internal const int ParameterCopies = 5;

    /// <summary>A batch step's input tensors: token and type ids (int64) and the time features.</summary>
    internal const int InputBytesPerStep = sizeof(long) + sizeof(long) + (EncodedSequence.FeatureCount * sizeof(float));

    /// <summary>
    /// Floats a GRU layer holds per training step and hidden unit: the input and hidden projections, the gates and their
    /// products autograd keeps for the backward pass, the output, and the backward's gradients of the same shapes while
    /// it runs. Measured, not derived: a batch of 128 chains of 200 steps held ≈ 448 MiB (≈ 18.3 KB a step) at the
    /// default widths (docs/benchmarks.md, "Training's memory").
    /// </summary>
    internal const int TrainingFloatsPerHiddenStep = 34;

    /// <summary>Floats a GRU layer holds per scoring step and hidden unit: the input projection of the whole chain (3), each step's output and their stack (2).</summary>
    internal const int ScoringFloatsPerHiddenStep = 5;

    /// <summary>Parameters of the network <paramref name="gru"/> shapes over at most <paramref name="vocabularySize"/> tokens.</summary>
    public static long Parameters(GruSettings gru, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(gru);
        long hidden = gru.HiddenSize;
        var embeddings = ((long)vocabularySize * gru.EmbeddingSize) + ((EventTypeVocabulary.MaxTypes + 2L) * gru.EventTypeEmbeddingSize);
        var firstLayer = (3 * hidden * (InputWidth(gru) + hidden)) + (6 * hidden);
        var otherLayers = (gru.Layers - 1) * ((3 * hidden * (hidden + hidden)) + (6 * hidden));
        return embeddings + firstLayer + otherLayers + hidden + 1;
    }

    /// <summary>
    /// Bytes one training batch holds at a window of <paramref name="window"/> steps: its inputs, the embedded steps
    /// with their concatenation and gradients (4 floats per input column) and each layer's activations.
    /// </summary>
    public static long TrainingBatchBytes(GruSettings gru, int window)
    {
        ArgumentNullException.ThrowIfNull(gru);
        var perStep = InputBytesPerStep + (sizeof(float) * ((4 * InputWidth(gru)) + ((long)gru.Layers * TrainingFloatsPerHiddenStep * gru.HiddenSize)));
        return (long)gru.BatchSize * window * perStep;
    }

    /// <summary>
    /// Bytes one scoring batch holds at most (<see cref="MaxScoringSteps"/>): its inputs, the embedded steps and their
    /// concatenation (3 floats per input column) and each layer's activations.
    /// </summary>
    public static long ScoringBatchBytes(GruSettings gru)
    {
        ArgumentNullException.ThrowIfNull(gru);
        var perStep = InputBytesPerStep + (sizeof(float) * ((3 * InputWidth(gru)) + ((long)gru.Layers * ScoringFloatsPerHiddenStep * gru.HiddenSize)));
        return (long)MaxScoringSteps * perStep;
    }

    /// <summary>
    /// Bytes the GRU's training holds whatever its sample, on a machine of <paramref name="processorCount"/> cores:
    /// the parameters' copies at the largest vocabulary (<see cref="ModelSettings.VocabularyMaxSize"/>), one training
    /// batch at the longest window (<see cref="ModelSettings.MaxSequenceLength"/>) and a scoring batch per scoring
    /// thread (<see cref="GruSettings.ScoringParallelism"/>, 0: cores ÷ <see cref="GruSettings.Threads"/>).
    /// </summary>
    public static long FixedBytes(ModelSettings settings, int processorCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(processorCount, 1);
        var gru = settings.Gru;
        return (ParameterCopies * sizeof(float) * Parameters(gru, settings.VocabularyMaxSize))
            + TrainingBatchBytes(gru, settings.MaxSequenceLength)
            + (gru.ScoringThreads(processorCount) * ScoringBatchBytes(gru));
    }

    private static long InputWidth(GruSettings gru) => (long)gru.EmbeddingSize + gru.EventTypeEmbeddingSize + EncodedSequence.FeatureCount;
}
