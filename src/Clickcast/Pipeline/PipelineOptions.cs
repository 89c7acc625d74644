namespace Clickcast.Pipeline;

/// <summary>How the pipeline chains its jobs.</summary>
public sealed class PipelineOptions
{
    /// <summary>
    /// Ingest jobs finishing within this window share one sequence update: a burst of files becomes one rebuild
    /// instead of one per file.
    /// </summary>
    public TimeSpan SequencesDebounce { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far back a cron schedule's missed occurrence is still run (the latest one only).</summary>
    public TimeSpan ScheduleLookback { get; set; } = TimeSpan.FromDays(1);
}
