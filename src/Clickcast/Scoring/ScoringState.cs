namespace Clickcast.Scoring;

/// <summary>What a task's scoring remembers between runs: which model and generation it scored, its distribution, its runs.</summary>
public sealed record ScoringState
{
    /// <summary>Model version of the last run.</summary>
    public int ModelVersion { get; init; }

    /// <summary>Sequence generation the last run covered: clients updated after it have fresh events.</summary>
    public long ScoredGeneration { get; init; }

    /// <summary>Distribution of the last full run.</summary>
    public ScoreDistribution Distribution { get; init; } = new();

    /// <summary>Runs, oldest first.</summary>
    public IReadOnlyList<ScoringRun> Runs { get; init; } = [];
}
