namespace Clickcast.Labels;

/// <summary>How the observation and outcome windows are drawn.</summary>
public enum LabelingMode
{
    /// <summary>By time: features are events up to the cutoff T, the label is the target in (T, T + horizon].</summary>
    Time = 0,

    /// <summary>
    /// By position, for order-only data without timestamps: features are the first k events, the label is the
    /// target anywhere after them. Scoring reads a client's newest k events (<see cref="ObservedWindow"/>).
    /// </summary>
    Position,
}
