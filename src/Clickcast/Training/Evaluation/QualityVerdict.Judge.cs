using System.Globalization;

namespace Clickcast.Training.Evaluation;

public readonly partial record struct QualityVerdict
{
    /// <summary>Lower interval bound from which a point AUC of at least <see cref="SuspiciousFrom"/> is suspected of leakage.</summary>
    public const double SuspiciousLowerFrom = 0.95;

    /// <summary>
    /// Reads an AUC with its interval and sample size, so the words claim no more than the data shows: fewer than
    /// <paramref name="inconclusiveBelowPositives"/> positives is <see cref="QualityTier.Inconclusive"/>; otherwise
    /// the tier is that of the interval's lower bound (the point AUC without an interval). Leakage is suspected
    /// when the AUC is at least 0.98 and the lower bound at least 0.95: a high AUC from a handful of positives is
    /// noise, not evidence of either skill or leakage.
    /// </summary>
    public static QualityVerdict Judge(double auc, AucInterval? interval, int positives, int inconclusiveBelowPositives)
    {
        var point = FromAuc(auc);
        var shown = auc.ToString("0.000", CultureInfo.InvariantCulture);
        var range = interval is { } ci ? string.Create(CultureInfo.InvariantCulture, $", {ci.Level * 100:0} % CI {ci.Lower:0.000}–{ci.Upper:0.000}") : string.Empty;
        if (positives < inconclusiveBelowPositives)
        {
            return new QualityVerdict(
                QualityTier.Inconclusive,
                false,
                string.Create(CultureInfo.InvariantCulture, $"Inconclusive (AUC {shown}{range}, from {positives} test positives): too few positives to say how well the model ranks; collect more data before relying on it."));
        }

        var lower = interval?.Lower ?? auc;
        var tier = FromAuc(Math.Clamp(lower, 0, 1)).Tier;
        var suspicious = auc >= SuspiciousFrom && lower >= SuspiciousLowerFrom;
        var description = string.Create(CultureInfo.InvariantCulture, $"{Words(tier)} (AUC {shown}{range}, {positives} test positives; the tier reads the interval's lower bound).");
        if (suspicious)
        {
            description += " Suspiciously high: check for leakage (events after the label cut-off, or the target itself among the features).";
        }
        else if (point.LeakageSuspected)
        {
            description += " The point AUC is very high but its interval is wide: too few positives to tell skill from luck or leakage.";
        }

        return new QualityVerdict(tier, suspicious, description);
    }

    private static string Words(QualityTier tier) => tier switch
    {
        QualityTier.Excellent => "Excellent: the model separates likely from unlikely clients very well",
        QualityTier.Good => "Good: the model ranks clients well; top-scored clients are much more likely to act",
        QualityTier.Useful => "Useful: clearly better than random; worth using to prioritise clients",
        QualityTier.Weak => "Weak: some signal, but rankings are only slightly better than random",
        _ => "No signal: ordering clients by score may be no better than ordering them at random",
    };
}
