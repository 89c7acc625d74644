namespace Clickcast.Scoring;

/// <summary>One scoring run of a task, as remembered in its scoring state.</summary>
public sealed record ScoringRun
{
    /// <summary>Run id (also names the predictions file).</summary>
    public required string RunId { get; init; }

    /// <summary>Key of the run's predictions file; of a sharded run, the folder of its parts (<see cref="PredictionParts"/>).</summary>
    public required string PredictionsKey { get; init; }

    /// <summary>Null for a run written as one file; N for a run written as one part per client-hash shard.</summary>
    public int? Shards { get; init; }

    /// <summary>Model version used.</summary>
    public int ModelVersion { get; init; }

    /// <summary>True when every eligible client was scored, false when only clients with fresh events were.</summary>
    public bool Full { get; init; }

    /// <summary>Clients scored.</summary>
    public long Clients { get; init; }

    /// <summary>Wall-clock time of scoring.</summary>
    public DateTimeOffset ScoredAt { get; init; }

    /// <summary>The data's "now" the scores are as of (latest event in the data), microseconds since the epoch.</summary>
    public long AsOfMicros { get; init; }

    /// <summary>Sequence generation scored up to.</summary>
    public long Generation { get; init; }

    /// <summary>
    /// Drift of the scores after this run (every client's latest score) from the model version's first, full run:
    /// the <see cref="PopulationStability"/> index; 0 on that first run, null when there were no scores.
    /// </summary>
    public double? Psi { get; init; }

    /// <summary>Set once the run's outcome window has passed and its expected-vs-actual report was written.</summary>
    public string? MonitoringKey { get; init; }
}
