namespace Clickcast.Training.Evaluation;

/// <summary>How a decision threshold is chosen; see <see cref="ThresholdRule"/>.</summary>
public enum ThresholdRuleKind
{
    /// <summary>The threshold with the highest F1 (the default, and what <c>default(ThresholdRule)</c> means).</summary>
    MaxF1,

    /// <summary>The lowest threshold whose precision reaches the target.</summary>
    TargetPrecision,

    /// <summary>The highest threshold whose recall reaches the target.</summary>
    TargetRecall,

    /// <summary>The score of the client at the target percentile from the top.</summary>
    TopPercent,
}
