namespace Clickcast.Registry;

/// <summary>Whether a task retrains when new data or its schedule asks.</summary>
public enum RetrainingStatus
{
    /// <summary>Retrains under its policy.</summary>
    Active = 0,

    /// <summary>Retrains only by hand until the data grows by the policy's share or someone resumes it.</summary>
    Paused,
}
