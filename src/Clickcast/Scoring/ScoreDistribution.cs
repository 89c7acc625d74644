namespace Clickcast.Scoring;

/// <summary>
/// A task's score distribution, kept as sorted quantiles of the last full scoring, so incremental runs rank their
/// few fresh clients against everyone without rescoring everyone.
/// </summary>
public sealed record ScoreDistribution
{
    /// <summary>Quantiles kept: enough for percentiles to a tenth of a point.</summary>
    public const int MaxPoints = 1001;

    /// <summary>Sorted probabilities (quantiles of the distribution).</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = [];

    /// <summary>Clients the distribution was drawn from.</summary>
    public long Clients { get; init; }

    /// <summary>Builds the distribution of <paramref name="probabilities"/>.</summary>
    public static ScoreDistribution Of(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var sorted = probabilities.Order().ToArray();
        return OfSorted(sorted, sorted.Length);
    }

    /// <summary>
    /// Builds the distribution of <paramref name="count"/> probabilities streamed in ascending order (e.g. a merge of
    /// sorted shards), keeping only the <see cref="MaxPoints"/> order statistics: the same quantiles as
    /// <see cref="Of"/> over the same values, exactly.
    /// </summary>
    public static ScoreDistribution OfSorted(IEnumerable<double> ascending, long count)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= MaxPoints)
        {
            var all = ascending.ToArray();
            ArgumentOutOfRangeException.ThrowIfNotEqual(all.Length, count, nameof(count));
            return new ScoreDistribution { Quantiles = all, Clients = count };
        }

        var quantiles = new double[MaxPoints];
        var next = 0;
        long index = 0;
        foreach (var value in ascending)
        {
            while (next < MaxPoints && RankOf(next, count) == index)
            {
                quantiles[next++] = value;
            }

            index++;
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(index, count, nameof(count));
        return new ScoreDistribution { Quantiles = quantiles, Clients = count };
    }

    /// <summary>The rank (from 0) of quantile <paramref name="point"/> among <paramref name="count"/> sorted values.</summary>
    private static long RankOf(int point, long count) => (long)Math.Round((double)point * (count - 1) / (MaxPoints - 1));

    /// <summary>The percentile (0–100) of <paramref name="probability"/>: the share of the distribution below it, ties counting half.</summary>
    public double PercentileOf(double probability)
    {
        var count = Quantiles.Count;
        if (count == 0)
        {
            return 50;
        }

        var below = LowerBound(probability);
        var upTo = UpperBound(probability);
        return 100.0 * (below + ((upTo - below) / 2.0)) / count;
    }

    private int LowerBound(double value)
    {
        int low = 0, high = Quantiles.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Quantiles[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private int UpperBound(double value)
    {
        int low = 0, high = Quantiles.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Quantiles[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
