namespace Clickcast.Training.Evaluation;

/// <summary>
/// Scores sorted once and collapsed into tie groups (distinct scores, highest first) with cumulative positive and
/// client counts. Every rank-based metric, curve and cut is a single pass over the groups, and because a tie group
/// is always taken whole (or pro rata), no result depends on how the sort happened to order equal scores.
/// </summary>
internal sealed partial class RankedScores
{
    // Group g holds every client with score _scores[g]; _positives[g] and _clients[g] count clients with a score
    // at least _scores[g], i.e. groups 0..g. Only the first _groups entries are used.
    private readonly double[] _scores;
    private readonly int[] _positives;
    private readonly int[] _clients;
    private readonly int _groups;

    private RankedScores(double[] scores, int[] positives, int[] clients, int groups)
    {
        _scores = scores;
        _positives = positives;
        _clients = clients;
        _groups = groups;
        Count = clients[groups - 1];
        Positives = positives[groups - 1];
        Negatives = Count - Positives;
    }

    public int Count { get; }

    public int Positives { get; }

    public int Negatives { get; }

    public int Groups => _groups;

    public bool HasBothClasses => Positives > 0 && Negatives > 0;

    /// <summary>Sorts a copy (O(n log n)); the inputs must already have passed <see cref="MetricInput.Check"/>.</summary>
    public static RankedScores Rank(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var keys = scores.ToArray();
        var items = labels.ToArray();
        Array.Sort(keys, items);

        var n = keys.Length;
        var distinct = new double[n];
        var positives = new int[n];
        var clients = new int[n];
        var g = -1;
        for (var i = n - 1; i >= 0; i--)
        {
            // -0.0 == 0.0, so both land in one group, as they should.
            if (g < 0 || keys[i] != distinct[g])
            {
                g++;
                distinct[g] = keys[i];
                positives[g] = g > 0 ? positives[g - 1] : 0;
                clients[g] = g > 0 ? clients[g - 1] : 0;
            }

            clients[g]++;
            if (items[i])
            {
                positives[g]++;
            }
        }

        return new RankedScores(distinct, positives, clients, g + 1);
    }

    private int PositivesBefore(int g) => g > 0 ? _positives[g - 1] : 0;

    private int ClientsBefore(int g) => g > 0 ? _clients[g - 1] : 0;

    private int NegativesAtOrAbove(int g) => _clients[g] - _positives[g];

    /// <summary>
    /// Mann-Whitney U / (P·N): the share of (positive, negative) pairs where the positive scores higher, a tie
    /// counting ½. Identical to the trapezoidal area under the ROC curve drawn through the tie groups.
    /// NaN unless both classes are present.
    /// </summary>
    public double RocAuc()
    {
        if (!HasBothClasses)
        {
            return double.NaN;
        }

        // Each negative in group g beats no positive above it and ties with the group's positives.
        double pairs = 0;
        for (var g = 0; g < _groups; g++)
        {
            var before = PositivesBefore(g);
            var groupPositives = _positives[g] - before;
            var groupNegatives = _clients[g] - ClientsBefore(g) - groupPositives;
            pairs += groupNegatives * (before + 0.5 * groupPositives);
        }

        return pairs / ((double)Positives * Negatives);
    }

    /// <summary>
    /// Average precision as scikit-learn defines it: Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds from the highest,
    /// with R₀ = 0 — a step-wise sum, not the trapezoidal area, which overstates PR-AUC by interpolating
    /// precision linearly. Ties form one threshold. NaN without positives.
    /// </summary>
    public double AveragePrecision()
    {
        if (Positives == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var g = 0; g < _groups; g++)
        {
            var groupPositives = _positives[g] - PositivesBefore(g);
            if (groupPositives > 0)
            {
                sum += groupPositives * ((double)_positives[g] / _clients[g]);
            }
        }

        return sum / Positives;
    }

    /// <summary>
    /// DeLong, DeLong and Clarke-Pearson (1988): the AUC is the mean of per-positive placements
    /// V₁₀ = (negatives below + ½ tied) / N, and of per-negative placements V₀₁ = (positives above + ½ tied) / P;
    /// Var(AUC) = S₁₀/P + S₀₁/N with S the sample variances of those placements. Null with fewer than two of
    /// either class, where a sample variance does not exist.
    /// </summary>
    public AucInterval? DeLongInterval(double level)
    {
        if (Positives < 2 || Negatives < 2)
        {
            return null;
        }

        var auc = RocAuc();
        double positiveSpread = 0;
        double negativeSpread = 0;
        for (var g = 0; g < _groups; g++)
        {
            var positivesBefore = PositivesBefore(g);
            var groupPositives = _positives[g] - positivesBefore;
            var groupNegatives = _clients[g] - ClientsBefore(g) - groupPositives;

            var negativesBelow = Negatives - NegativesAtOrAbove(g);
            var positivePlacement = (negativesBelow + 0.5 * groupNegatives) / Negatives;
            positiveSpread += groupPositives * Square(positivePlacement - auc);

            var negativePlacement = (positivesBefore + 0.5 * groupPositives) / Positives;
            negativeSpread += groupNegatives * Square(negativePlacement - auc);
        }

        var variance = positiveSpread / (Positives - 1) / Positives + negativeSpread / (Negatives - 1) / Negatives;
        var standardError = Math.Sqrt(variance);
        var half = StandardNormal.TwoSided(level) * standardError;
        return new AucInterval(Math.Max(0, auc - half), Math.Min(1, auc + half), standardError, level);
    }

    private static double Square(double x) => x * x;
}
