using System.Globalization;

namespace Clickcast.Training.Evaluation;

/// <summary>A plain-words reading of a model's ROC AUC for people who do not read ROC curves.</summary>
/// <param name="Tier">The tier the AUC falls in.</param>
/// <param name="LeakageSuspected">
/// True from an AUC of 0.98: behaviour rarely predicts a future action that well, so the usual cause is a feature
/// that already knows the answer (events after the label cut-off, the target page itself in the sequence).
/// </param>
/// <param name="Description">One sentence to show next to the number.</param>
public readonly partial record struct QualityVerdict(QualityTier Tier, bool LeakageSuspected, string Description)
{
    /// <summary>Lower AUC bound of <see cref="QualityTier.Weak"/>.</summary>
    public const double WeakFrom = 0.55;

    /// <summary>Lower AUC bound of <see cref="QualityTier.Useful"/>.</summary>
    public const double UsefulFrom = 0.65;

    /// <summary>Lower AUC bound of <see cref="QualityTier.Good"/>.</summary>
    public const double GoodFrom = 0.75;

    /// <summary>Lower AUC bound of <see cref="QualityTier.Excellent"/>.</summary>
    public const double ExcellentFrom = 0.85;

    /// <summary>AUC from which <see cref="LeakageSuspected"/> is set.</summary>
    public const double SuspiciousFrom = 0.98;

    /// <summary>
    /// Reads an AUC: below 0.55 no signal, [0.55, 0.65) weak, [0.65, 0.75) useful, [0.75, 0.85) good, 0.85 and up
    /// excellent, and 0.98 and up additionally suspicious. The bands are the ones commonly quoted for
    /// behavioural propensity models, where 0.7–0.8 is typical; each lower bound belongs to its tier.
    /// </summary>
    public static QualityVerdict FromAuc(double auc)
    {
        if (!double.IsFinite(auc) || auc is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(auc), auc, "AUC must be in [0, 1].");
        }

        var tier = auc switch
        {
            >= ExcellentFrom => QualityTier.Excellent,
            >= GoodFrom => QualityTier.Good,
            >= UsefulFrom => QualityTier.Useful,
            >= WeakFrom => QualityTier.Weak,
            _ => QualityTier.NoSignal,
        };
        var shown = auc.ToString("0.000", CultureInfo.InvariantCulture);
        var description = tier switch
        {
            QualityTier.Excellent => $"Excellent (AUC {shown}): the model separates likely from unlikely clients very well.",
            QualityTier.Good => $"Good (AUC {shown}): the model ranks clients well; top-scored clients are much more likely to act.",
            QualityTier.Useful => $"Useful (AUC {shown}): clearly better than random; worth using to prioritise clients.",
            QualityTier.Weak => $"Weak (AUC {shown}): some signal, but rankings are only slightly better than random.",
            _ when auc < 1 - WeakFrom => $"No signal (AUC {shown}): the ranking is inverted; check that labels mark the target action.",
            _ => $"No signal (AUC {shown}): ordering clients by score is about as good as ordering them at random.",
        };
        var suspicious = auc >= SuspiciousFrom;
        if (suspicious)
        {
            description += " Suspiciously high: check for leakage (events after the label cut-off, or the target itself among the features).";
        }

        return new QualityVerdict(tier, suspicious, description);
    }
}
