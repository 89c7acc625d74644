namespace Clickcast.Pipeline;

/// <summary>Inputs of a training job.</summary>
/// <param name="Trigger">Why it runs, which decides what the retraining policy checks.</param>
public sealed record TrainPayload(TrainTrigger Trigger);

/// <summary>Inputs of a scoring job.</summary>
/// <param name="Reason">Why it runs: after training, schedule, manual.</param>
public sealed record ScorePayload(string Reason);

/// <summary>Inputs of an export job.</summary>
/// <param name="RunId">The scoring run.</param>
/// <param name="PredictionsKey">Its predictions file.</param>
public sealed record ExportPayload(string RunId, string PredictionsKey);
