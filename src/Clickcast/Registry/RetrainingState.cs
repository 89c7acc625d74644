using System.Text.Json.Serialization;

namespace Clickcast.Registry;

/// <summary>A task's retraining bookkeeping.</summary>
/// <param name="NonImproving">Retrains in a row whose challenger did not beat the champion.</param>
/// <param name="Status">Active, or paused until data grows enough or someone resumes it.</param>
/// <param name="PausedReason">Why it is paused (or, once resumed, why it resumed).</param>
/// <param name="EventsAtLastTraining">Events in the data at the last training.</param>
/// <param name="LastTrainedAt">When the last training finished.</param>
public sealed record RetrainingState(int NonImproving, RetrainingStatus Status, string? PausedReason, long EventsAtLastTraining, DateTimeOffset? LastTrainedAt)
{
    /// <summary>The state of a task that never trained.</summary>
    public static RetrainingState None { get; } = new(0, RetrainingStatus.Active, null, 0, null);

    /// <summary>Retraining is paused.</summary>
    [JsonInclude]
    public bool Paused => Status == RetrainingStatus.Paused;
}
