namespace Clickcast.Scoring;

/// <summary>One client's score for one task: a row of a predictions file.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task (the target action) the score is for.</param>
/// <param name="ClientId">The client, as the CDP knows it.</param>
/// <param name="Probability">Calibrated probability of the target action, 0–1.</param>
/// <param name="Percentile">Rank within the task's score distribution, 0–100 (100 = most likely).</param>
/// <param name="Bucket">Coarse segment: <c>high</c>, <c>medium</c> or <c>low</c>.</param>
/// <param name="AboveThreshold">True when the probability passes the task's decision threshold.</param>
/// <param name="ModelVersion">Registry version of the model that scored the client.</param>
/// <param name="ScoredAt">When the score was computed (UTC, microsecond precision in files).</param>
public readonly record struct Prediction(
    string Tenant,
    string Task,
    string ClientId,
    double Probability,
    double Percentile,
    string Bucket,
    bool AboveThreshold,
    int ModelVersion,
    DateTimeOffset ScoredAt);
