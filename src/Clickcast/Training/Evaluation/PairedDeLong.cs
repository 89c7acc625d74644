namespace Clickcast.Training.Evaluation;

/// <summary>
/// DeLong, DeLong and Clarke-Pearson (1988) for two models scored on the same clients: the AUC difference and its
/// standard error, which counts the correlation between the two models' placements. Two models that rank the
/// same clients alike differ far less by chance than two independent AUC intervals suggest.
/// </summary>
public static class PairedDeLong
{
    /// <summary>
    /// AUC(a) − AUC(b) and the standard error of that difference: Var = (S₁₀ᵃᵃ + S₁₀ᵇᵇ − 2S₁₀ᵃᵇ)/P +
    /// (S₀₁ᵃᵃ + S₀₁ᵇᵇ − 2S₀₁ᵃᵇ)/N with S the sample (co)variances of per-positive and per-negative placements.
    /// The error is NaN with fewer than two clients of either class.
    /// </summary>
    public static (double Difference, double StandardError) Compare(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<bool> labels)
    {
        MetricInput.Check(a, labels, probabilities: false);
        MetricInput.Check(b, labels, probabilities: false);
        var (positiveA, negativeA) = Placements(a, labels);
        var (positiveB, negativeB) = Placements(b, labels);
        var aucA = Mean(positiveA);
        var aucB = Mean(positiveB);
        if (positiveA.Length < 2 || negativeA.Length < 2)
        {
            return (aucA - aucB, double.NaN);
        }

        var variance = SpreadOfDifference(positiveA, positiveB) / positiveA.Length
            + SpreadOfDifference(negativeA, negativeB) / negativeA.Length;
        return (aucA - aucB, Math.Sqrt(Math.Max(0, variance)));
    }

    /// <summary>Per positive: share of negatives scored below (ties ½); per negative: share of positives above.</summary>
    internal static (double[] Positive, double[] Negative) Placements(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var positives = new List<double>();
        var negatives = new List<double>();
        for (var i = 0; i < scores.Length; i++)
        {
            (labels[i] ? positives : negatives).Add(scores[i]);
        }

        var sortedPositives = positives.ToArray();
        var sortedNegatives = negatives.ToArray();
        Array.Sort(sortedPositives);
        Array.Sort(sortedNegatives);
        var positive = positives.Select(s => Below(sortedNegatives, s) / Math.Max(1, sortedNegatives.Length)).ToArray();
        var negative = negatives.Select(s => (sortedPositives.Length - Below(sortedPositives, s)) / Math.Max(1, sortedPositives.Length)).ToArray();
        return (positive, negative);
    }

    /// <summary>Values below <paramref name="x"/> plus half of those equal to it.</summary>
    private static double Below(double[] sorted, double x)
    {
        var lower = LowerBound(sorted, x);
        var upper = LowerBound(sorted, Math.BitIncrement(x));
        return lower + 0.5 * (upper - lower);
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < x)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Sample variance of a − b, i.e. Sᵃᵃ + Sᵇᵇ − 2Sᵃᵇ.</summary>
    private static double SpreadOfDifference(double[] a, double[] b)
    {
        var differences = a.Zip(b, (x, y) => x - y).ToArray();
        var mean = Mean(differences);
        return differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1);
    }

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();
}
