using System.ComponentModel.DataAnnotations;

namespace Clickcast.Scoring;

/// <summary>How a task's clients are scored.</summary>
public sealed class ScoringOptions
{
    /// <summary>Cron schedule (5 fields, UTC) of periodic scoring; null scores after every sequence update.</summary>
    public string? Schedule { get; set; }

    /// <summary>Clients at or above this percentile of the score distribution are in the high bucket.</summary>
    [Range(0.0, 100.0)]
    public double HighPercentile { get; set; } = 90;

    /// <summary>Clients at or above this percentile (and below <see cref="HighPercentile"/>) are in the medium bucket.</summary>
    [Range(0.0, 100.0)]
    public double MediumPercentile { get; set; } = 60;

    /// <summary>The bucket of a client at <paramref name="percentile"/>: the one rule the batch and real-time scorers share.</summary>
    public ScoreBucket BucketOf(double percentile) =>
        percentile >= HighPercentile ? ScoreBucket.High : percentile >= MediumPercentile ? ScoreBucket.Medium : ScoreBucket.Low;
}
