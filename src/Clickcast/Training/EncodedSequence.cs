namespace Clickcast.Training;

/// <summary>
/// A client's chain as the network sees it: vocabulary ids, oldest first, and per-step time features
/// (<see cref="FeatureCount"/> floats per step, row-major). Produced by <see cref="SequenceEncoder"/>.
/// </summary>
/// <param name="TokenIds">Vocabulary ids per step (never <see cref="Vocabulary.PadId"/>); at least one step.</param>
/// <param name="Features">Time features, <c>TokenIds.Length * FeatureCount</c> floats.</param>
/// <param name="TypeIds">
/// <see cref="EventTypeVocabulary"/> ids per step, or null when the model reads no event types (a step without one
/// reads as <see cref="EventTypeVocabulary.OtherId"/>).
/// </param>
public readonly record struct EncodedSequence(int[] TokenIds, float[] Features, int[]? TypeIds = null)
{
    /// <summary>
    /// Time features per step: log1p of seconds since the previous event (0 for the first), sine and cosine of the
    /// hour of day, sine and cosine of the day of week (UTC, so midnight sits next to 23:00), and log1p of hours
    /// from the event to the moment the client is judged at (recency: how long ago each step happened).
    /// </summary>
    public const int FeatureCount = 6;

    /// <summary>Steps in the chain.</summary>
    public int Length => TokenIds.Length;
}
