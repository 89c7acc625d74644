namespace Clickcast.Scoring;

/// <summary>
/// The population stability index (PSI) of a task's scores: how far the current distribution moved from the
/// reference, on <see cref="Bins"/> bins cut at the reference's deciles. PSI = Σ (actual − expected) · ln(actual /
/// expected) over the bins' shares; a share of 0 counts as <see cref="Epsilon"/> so an empty bin gives a large but
/// finite term. Read as in common practice: below <see cref="ModerateShift"/> stable, from it to
/// <see cref="SignificantShift"/> a moderate shift, above that a significant one.
/// </summary>
public static class PopulationStability
{
    /// <summary>Bins: the reference's deciles.</summary>
    public const int Bins = 10;

    /// <summary>The share an empty bin counts as.</summary>
    public const double Epsilon = 1e-4;

    /// <summary>From this PSI on, a moderate shift.</summary>
    public const double ModerateShift = 0.1;

    /// <summary>Above this PSI, a significant shift.</summary>
    public const double SignificantShift = 0.25;

    /// <summary>PSI of <paramref name="current"/> against <paramref name="reference"/>; null when either is empty.</summary>
    public static double? Of(ScoreDistribution reference, IEnumerable<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var edges = Edges(reference.Quantiles);
        var expected = Shares(edges, reference.Quantiles);
        var actual = Shares(edges, current);
        return expected is null || actual is null ? null : Index(expected, actual);
    }

    /// <summary>
    /// PSI from the bin counts of the current scores (<see cref="Counts"/> over the reference's edges), which add up
    /// across shards: the same value as <see cref="Of(ScoreDistribution, IEnumerable{double})"/> over all the scores.
    /// </summary>
    public static double? OfCounts(ScoreDistribution reference, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(counts);
        var expected = Shares(Edges(reference.Quantiles), reference.Quantiles);
        var actual = SharesOf(counts);
        return expected is null || actual is null || actual.Length != expected.Length ? null : Index(expected, actual);
    }

    /// <summary>
    /// The <see cref="Bins"/> − 1 inner edges of sorted <paramref name="reference"/>: edge k is the smallest value with
    /// at least k/10 of the reference at or below it. Bin i holds the values above i edges (a value equal to an edge
    /// falls in the bin below it).
    /// </summary>
    public static double[] Edges(IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var n = reference.Count;
        var edges = new double[n == 0 ? 0 : Bins - 1];
        for (var k = 1; k <= edges.Length; k++)
        {
            edges[k - 1] = reference[(((k * n) + Bins - 1) / Bins) - 1];
        }

        return edges;
    }

    /// <summary>The share of <paramref name="scores"/> in each bin cut by <paramref name="edges"/>; null when there are none.</summary>
    public static double[]? Shares(IReadOnlyList<double> edges, IEnumerable<double> scores) => SharesOf(Counts(edges, scores));

    /// <summary>How many of <paramref name="scores"/> fall in each bin cut by <paramref name="edges"/>.</summary>
    public static long[] Counts(IReadOnlyList<double> edges, IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(scores);
        var counts = new long[edges.Count + 1];
        foreach (var score in scores)
        {
            counts[BinOf(edges, score)]++;
        }

        return counts;
    }

    /// <summary>The bin of <paramref name="score"/> among those cut by <paramref name="edges"/> (a score on an edge falls below it).</summary>
    public static int BinOf(IReadOnlyList<double> edges, double score)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var bin = 0;
        while (bin < edges.Count && edges[bin] < score)
        {
            bin++;
        }

        return bin;
    }

    private static double[]? SharesOf(IReadOnlyList<long> counts)
    {
        var total = counts.Sum();
        return total == 0 ? null : counts.Select(c => (double)c / total).ToArray();
    }

    /// <summary>PSI of two share vectors over the same bins.</summary>
    public static double Index(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentOutOfRangeException.ThrowIfNotEqual(actual.Count, expected.Count, nameof(actual));
        var psi = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (Math.Max(expected[i], Epsilon), Math.Max(actual[i], Epsilon));
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>How to read <paramref name="psi"/>.</summary>
    public static ScoreDrift Classify(double psi) =>
        psi < ModerateShift ? ScoreDrift.Stable : psi <= SignificantShift ? ScoreDrift.Moderate : ScoreDrift.Significant;
}
