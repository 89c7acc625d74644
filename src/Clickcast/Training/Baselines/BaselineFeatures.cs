using Clickcast.Labels;

namespace Clickcast.Training.Baselines;

/// <summary>
/// The features of the baseline family: a bag of URL tokens (log-scaled counts over the vocabulary) plus recency
/// and frequency facts about the observed chain. What a careful analyst would try before a recurrent network.
/// </summary>
public sealed partial class BaselineFeatures
{
    /// <summary>Names of the dense features, in order.</summary>
    public static readonly IReadOnlyList<string> DenseNames =
    [
        "log_events", "log_distinct_urls", "log_hours_since_last", "log_hours_active", "log_events_last_24h", "log_events_last_7d", "share_last_url_repeats",
    ];

    internal BaselineFeatures(int[] tokenIds, float[] tokenValues, float[] dense)
    {
        TokenIds = tokenIds;
        TokenValues = tokenValues;
        Dense = dense;
    }

    /// <summary>Vocabulary ids present, ascending.</summary>
    public int[] TokenIds { get; }

    /// <summary>log(1 + count) per id in <see cref="TokenIds"/>.</summary>
    public float[] TokenValues { get; }

    /// <summary>Dense features, see <see cref="DenseNames"/>.</summary>
    public float[] Dense { get; }

    /// <summary>Features of an observed chain ending at <paramref name="asOfMicros"/> (the cutoff, or now when scoring).</summary>
    public static BaselineFeatures Of(IReadOnlyList<string> urls, IReadOnlyList<long> timesMicros, Vocabulary vocabulary, long asOfMicros)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(timesMicros);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var buffer = new BaselineFeatureBuffer(vocabulary, layout: null, maxLength: int.MaxValue);
        buffer.Compute(urls, timesMicros, eventTypes: null, asOfMicros);
        return buffer.ToFeatures();
    }

    /// <summary>Features of a labelled example, as of its last observed event.</summary>
    public static BaselineFeatures Of(LabeledExample example, Vocabulary vocabulary, long asOfMicros)
    {
        ArgumentNullException.ThrowIfNull(example);
        return Of(example.Urls, example.TimesMicros, vocabulary, asOfMicros);
    }
}
