namespace Clickcast.Registry;

/// <summary>A task's retraining bookkeeping.</summary>
/// <param name="NonImproving">Retrains in a row whose challenger did not beat the champion.</param>
/// <param name="Paused">Retraining is paused (until data grows enough or someone resets it).</param>
/// <param name="PausedReason">Why.</param>
/// <param name="EventsAtLastTraining">Events in the data at the last training.</param>
/// <param name="LastTrainedAt">When the last training finished.</param>
public sealed record RetrainingState(int NonImproving, bool Paused, string? PausedReason, long EventsAtLastTraining, DateTimeOffset? LastTrainedAt)
{
    /// <summary>The state of a task that never trained.</summary>
    public static RetrainingState None { get; } = new(0, false, null, 0, null);
}
