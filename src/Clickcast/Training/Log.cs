using Microsoft.Extensions.Logging;

namespace Clickcast.Training;

/// <summary>What training tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Training {Family} on {Train} examples ({Validation} for validation), vocabulary of {Vocabulary}")]
    public static partial void TrainingFamily(ILogger logger, ModelFamilyKind family, int train, int validation, int vocabulary);

    [LoggerMessage(3002, LogLevel.Information, "{Family}: validation AUC {ValidationAuc:F4}, test AUC {TestAuc:F4}, in {Duration}")]
    public static partial void FamilyTrained(ILogger logger, ModelFamilyKind family, double validationAuc, double testAuc, TimeSpan duration);

    [LoggerMessage(3003, LogLevel.Information, "Kept {Family} in {Folder}")]
    public static partial void ModelSaved(ILogger logger, ModelFamilyKind family, string folder);

    [LoggerMessage(3250, LogLevel.Information, "Chose {Family} by {Method}: {Reason}")]
    public static partial void FamilySelected(ILogger logger, ModelFamilyKind family, SelectionMethod method, string reason);

    [LoggerMessage(3251, LogLevel.Information, "Few validation positives ({Positives}): comparing families by {Folds}-fold cross-validation over {Clients} clients")]
    public static partial void CrossValidating(ILogger logger, int folds, int clients, int positives);
}
