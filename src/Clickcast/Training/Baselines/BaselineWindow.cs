using Clickcast.Labels;

namespace Clickcast.Training.Baselines;

/// <summary>What the baseline families see of a chain: its latest events, as <see cref="BaselineFeatures"/>.</summary>
public static class BaselineWindow
{
    /// <summary>Features of the latest <paramref name="maxLength"/> events; without a layout, the legacy features only.</summary>
    public static BaselineFeatures Of(ModelInput input, Vocabulary vocabulary, AggregateLayout? layout, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new BaselineFeatureBuffer(vocabulary, layout, maxLength);
        buffer.Compute(input);
        return buffer.ToFeatures();
    }

    /// <summary>Features of a labelled example, recency measured to the cutoff (or its last event).</summary>
    public static BaselineFeatures Of(LabeledExample example, Vocabulary vocabulary, AggregateLayout? layout, long? cutoffMicros, int maxLength) =>
        Of(ModelTrainer.InputOf(example, cutoffMicros), vocabulary, layout, maxLength);

    /// <summary>The aggregate layout of a training split: its most frequent event types in the models' window.</summary>
    public static AggregateLayout LayoutOf(IEnumerable<LabeledExample> train, int maxLength, int pairBuckets = AggregateLayout.DefaultPairBuckets)
    {
        ArgumentNullException.ThrowIfNull(train);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var example in train)
        {
            var chain = example.Chain;
            for (var i = Math.Max(0, chain.Length - maxLength); i < chain.Length; i++)
            {
                var type = chain.TypeAt(i);
                counts[type] = counts.GetValueOrDefault(type) + 1;
            }
        }

        return AggregateLayout.Build(counts, pairBuckets);
    }
}
