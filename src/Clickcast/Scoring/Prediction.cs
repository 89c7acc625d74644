namespace Clickcast.Scoring;

/// <summary>One client's score as exported to the CDP.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Probability">Calibrated probability of the target within the horizon.</param>
/// <param name="Percentile">Percentile (0–100) of the probability in the task's score distribution.</param>
/// <param name="Bucket">High, medium or low, by percentile cut-offs.</param>
/// <param name="AboveThreshold">Whether the probability reaches the model's decision threshold.</param>
/// <param name="ModelVersion">The model version that scored it.</param>
/// <param name="ScoredAtMicros">When it was scored, microseconds since the epoch (UTC).</param>
public readonly record struct Prediction(string ClientId, double Probability, double Percentile, ScoreBucket Bucket, bool AboveThreshold, int ModelVersion, long ScoredAtMicros);
