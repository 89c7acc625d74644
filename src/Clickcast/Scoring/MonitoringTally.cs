namespace Clickcast.Scoring;

/// <summary>
/// A run's predictions added up per bucket and overall, one prediction at a time, with whether each client converted:
/// what a <see cref="MonitoringReport"/> is made of.
/// </summary>
public sealed class MonitoringTally
{
    // Buckets from the highest down, as reports list them.
    private readonly SortedDictionary<ScoreBucket, BucketTally> _buckets = new(Comparer<ScoreBucket>.Create((a, b) => Comparer<ScoreBucket>.Default.Compare(b, a)));
    private BucketTally _all;

    /// <summary>
    /// Tallies <paramref name="rows"/>; the label of an inverted target (<paramref name="invert"/>) is "did not
    /// convert", so expected and actual are compared on the same footing.
    /// </summary>
    public static async Task<MonitoringTally> OfAsync(IAsyncEnumerable<(Prediction Prediction, bool Converted)> rows, bool invert)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var tally = new MonitoringTally();
        await foreach (var (prediction, converted) in rows.ConfigureAwait(false))
        {
            var bucket = ScoreBuckets.Parse(prediction.Bucket);
            var actual = converted ^ invert;
            tally._buckets[bucket] = tally._buckets.GetValueOrDefault(bucket).Add(prediction.Probability, actual);
            tally._all = tally._all.Add(prediction.Probability, actual);
        }

        return tally;
    }

    /// <summary>The report of <paramref name="run"/> over <paramref name="horizon"/>.</summary>
    public MonitoringReport Report(ScoringRun run, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(run);
        var buckets = _buckets.Select(t => new BucketOutcome(t.Key, t.Value.Clients, t.Value.ExpectedRate, t.Value.ActualRate)).ToList();
        return new MonitoringReport(run.RunId, run.ModelVersion, run.AsOfMicros, horizon, buckets, _all.ExpectedRate, _all.ActualRate);
    }
}
