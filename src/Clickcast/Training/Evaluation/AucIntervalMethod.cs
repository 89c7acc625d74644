namespace Clickcast.Training.Evaluation;

/// <summary>How an AUC interval was computed.</summary>
public enum AucIntervalMethod
{
    /// <summary>DeLong's normal approximation: AUC ± z·SE.</summary>
    DeLong = 0,

    /// <summary>Percentile bootstrap, resampling clients within each class (few positives, where DeLong's normal approximation is poor).</summary>
    Bootstrap,
}
