using Microsoft.Extensions.Logging;

namespace Clickcast.Torch;

/// <summary>What GRU training tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Information, "GRU training: {Training} training and {Validation} validation sequences, vocabulary {VocabularySize}, positive weight {PositiveWeight:0.###}{WarmStart}")]
    public static partial void TrainingStarted(ILogger logger, int training, int validation, int vocabularySize, double positiveWeight, string warmStart);

    [LoggerMessage(3102, LogLevel.Information, "GRU epoch {Epoch}: loss {Loss:0.#####}, validation AUC {Auc:0.#####}, {Sequences} sequences in {Duration}")]
    public static partial void EpochCompleted(ILogger logger, int epoch, double loss, double auc, int sequences, TimeSpan duration);

    [LoggerMessage(3103, LogLevel.Information, "GRU training stopped ({Reason}) after {Epochs} epoch(s) in {Duration}; best validation AUC {Auc:0.#####} at epoch {BestEpoch}")]
    public static partial void TrainingStopped(ILogger logger, GruStopReason reason, int epochs, TimeSpan duration, double auc, int bestEpoch);

    [LoggerMessage(3110, LogLevel.Warning, "GRU warm start skipped: the champion's event-type embedding (size {OldSize}, {OldTypes} type(s)) cannot continue into size {NewSize}; training from scratch")]
    public static partial void WarmStartSkipped(ILogger logger, int oldSize, int oldTypes, int newSize);
}
