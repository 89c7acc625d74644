using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training;

/// <summary>Training settings of the LightGBM family (gradient-boosted trees on the baseline aggregates and top tokens).</summary>
public sealed class LightGbmSettings
{
    /// <summary>Boosting rounds at most (trees); the operator caps it (<c>Limits:MaxBoostingRounds</c>).</summary>
    [Range(1, 100_000)]
    public int Rounds { get; set; } = 500;

    /// <summary>Leaves per tree; the operator caps it (<c>Limits:MaxLeaves</c>).</summary>
    [Range(2, 131_072)]
    public int Leaves { get; set; } = 31;

    /// <summary>Shrinkage of each tree.</summary>
    [Range(1e-4, 1)]
    public double LearningRate { get; set; } = 0.05;

    /// <summary>Fewest training examples in a leaf.</summary>
    [Range(1, 1_000_000)]
    public int MinDataInLeaf { get; set; } = 20;

    /// <summary>Rounds without a better validation AUC before boosting stops (the best round is kept).</summary>
    [Range(1, 10_000)]
    public int EarlyStoppingRounds { get; set; } = 30;

    /// <summary>URL tokens (most frequent in training) given a count column each, beside the aggregates.</summary>
    [Range(0, 1_000)]
    public int TopTokens { get; set; } = 64;

    /// <summary>Seed of the boosting (bagging and feature sampling are off; one thread, deterministic).</summary>
    public int Seed { get; set; } = 17;
}
