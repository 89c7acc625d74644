namespace Clickcast.Training.Evaluation;

/// <summary>How well a model ranks clients, in plain words, from its ROC AUC (see <see cref="QualityVerdict.FromAuc"/> for the cut-offs).</summary>
public enum QualityTier
{
    /// <summary>AUC below 0.55: ordering clients by score is about as good as ordering them at random.</summary>
    NoSignal,

    /// <summary>AUC in [0.55, 0.65): some signal, rarely enough to act on alone.</summary>
    Weak,

    /// <summary>AUC in [0.65, 0.75): clearly better than random; worth using for targeting.</summary>
    Useful,

    /// <summary>AUC in [0.75, 0.85): a good model for behavioural data.</summary>
    Good,

    /// <summary>AUC of 0.85 or more.</summary>
    Excellent,

    /// <summary>Too few positives (fewer than 10 by default) to say: any AUC from them is mostly luck.</summary>
    Inconclusive,
}
