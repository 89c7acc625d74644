namespace Clickcast.Torch;

/// <summary>Why training ended.</summary>
public enum GruStopReason
{
    /// <summary>All <see cref="GruTrainingOptions.MaxEpochs"/> ran.</summary>
    MaxEpochs,

    /// <summary>Validation AUC stopped improving for <see cref="GruTrainingOptions.EarlyStoppingPatience"/> epochs.</summary>
    EarlyStopping,

    /// <summary><see cref="GruTrainingOptions.TimeBudget"/> ran out.</summary>
    TimeBudget,
}
