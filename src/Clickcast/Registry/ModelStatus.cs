namespace Clickcast.Registry;

/// <summary>Where a model version stands.</summary>
public enum ModelStatus
{
    /// <summary>Trained and registered; not (yet) champion.</summary>
    Candidate = 0,

    /// <summary>The version that scores the task's clients.</summary>
    Champion,

    /// <summary>A former champion.</summary>
    Retired,

    /// <summary>Did not beat the champion (or the minimum AUC); kept for the record.</summary>
    Rejected,
}
