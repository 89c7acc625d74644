namespace Clickcast.Scoring;

/// <summary>Where a client's score falls in the task's distribution.</summary>
public enum ScoreBucket
{
    /// <summary>Below the medium percentile.</summary>
    Low = 0,

    /// <summary>Between the medium and high percentiles.</summary>
    Medium,

    /// <summary>At or above the high percentile.</summary>
    High,
}
