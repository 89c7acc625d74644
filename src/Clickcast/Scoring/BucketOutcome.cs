namespace Clickcast.Scoring;

/// <summary>Expected vs actual conversion of one bucket of a scoring run, once its outcome window has passed.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Clients">Clients scored in it.</param>
/// <param name="ExpectedRate">Mean predicted probability.</param>
/// <param name="ActualRate">Share that did the target within the horizon after scoring.</param>
public sealed record BucketOutcome(ScoreBucket Bucket, long Clients, double ExpectedRate, double ActualRate);
