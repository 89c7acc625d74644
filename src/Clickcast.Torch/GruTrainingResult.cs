namespace Clickcast.Torch;

/// <summary>What a training run produced.</summary>
/// <param name="Model">The weights of the best epoch by validation AUC; the caller owns (and disposes) it.</param>
/// <param name="Epochs">Every epoch run, in order.</param>
/// <param name="BestEpoch">1-based epoch whose weights <paramref name="Model"/> holds.</param>
/// <param name="BestValidationAuc">That epoch's validation AUC-ROC.</param>
/// <param name="StopReason">Why training ended.</param>
/// <param name="Duration">Wall-clock time of the whole run.</param>
public sealed record GruTrainingResult(
    GruModel Model,
    IReadOnlyList<GruEpochSummary> Epochs,
    int BestEpoch,
    double BestValidationAuc,
    GruStopReason StopReason,
    TimeSpan Duration);
