using System.Globalization;

namespace Clickcast.Training;

/// <summary>
/// The leakage check as a verdict: a model retrained on permuted labels can learn nothing, so each permutation's
/// test AUC must lie in 0.5 ± h, h = max(band, 3·σ₀) with σ₀ = √((P + N + 1) / (12·P·N)) the standard deviation of
/// a random ranking's AUC on P test positives and N negatives (so small test sets are not failed by noise).
/// One permutation outside the band fails the check.
/// </summary>
/// <param name="Passed">Every permutation's AUC is inside the band.</param>
/// <param name="Lower">Lower end of the pass band.</param>
/// <param name="Upper">Upper end of the pass band.</param>
/// <param name="Aucs">Test AUC of each permutation, in order.</param>
/// <param name="Summary">One line for a person.</param>
public sealed record LeakageVerdict(bool Passed, double Lower, double Upper, IReadOnlyList<double> Aucs, string Summary)
{
    /// <summary>Judges the permutations' test AUCs on a test split of <paramref name="positives"/> and <paramref name="negatives"/>.</summary>
    public static LeakageVerdict Judge(IReadOnlyList<double> aucs, int positives, int negatives, double band)
    {
        ArgumentNullException.ThrowIfNull(aucs);
        ArgumentOutOfRangeException.ThrowIfZero(aucs.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(positives);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(negatives);
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        var nullSd = Math.Sqrt((positives + negatives + 1.0) / (12.0 * positives * negatives));
        var half = Math.Max(band, 3 * nullSd);
        var (lower, upper) = (0.5 - half, 0.5 + half);
        var passed = aucs.All(a => a >= lower && a <= upper);
        var shown = string.Join(", ", aucs.Select(a => a.ToString("0.000", CultureInfo.InvariantCulture)));
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"Leakage check {(passed ? "passed" : "FAILED")}: test AUC on {aucs.Count} label permutation(s) {shown}; pass band {lower:0.000}–{upper:0.000} (0.5 ± max({band:0.###}, 3 × {nullSd:0.0000}) on {positives:N0} positives, {negatives:N0} negatives).");
        return new LeakageVerdict(passed, lower, upper, aucs, summary);
    }
}
