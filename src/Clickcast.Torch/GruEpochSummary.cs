namespace Clickcast.Torch;

/// <summary>One pass over the training set.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainingLoss">Mean weighted binary cross-entropy over the sequences trained on.</param>
/// <param name="ValidationAuc">AUC-ROC on the validation set after the epoch.</param>
/// <param name="Sequences">Sequences trained on (fewer than the training set when the time budget cut the epoch short).</param>
/// <param name="Duration">Training and validation time.</param>
public readonly record struct GruEpochSummary(int Epoch, double TrainingLoss, double ValidationAuc, int Sequences, TimeSpan Duration);
