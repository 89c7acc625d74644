using Microsoft.Extensions.Logging;

namespace Clickcast.Training;

/// <summary>What training tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Training {Family} on {Train} examples ({Validation} for validation), vocabulary of {Vocabulary}")]
    public static partial void TrainingFamily(ILogger logger, ModelFamilyKind family, int train, int validation, int vocabulary);

    [LoggerMessage(3002, LogLevel.Information, "{Family}: validation AUC {ValidationAuc:F4}, test AUC {TestAuc:F4}, in {Duration}")]
    public static partial void FamilyTrained(ILogger logger, ModelFamilyKind family, double validationAuc, double testAuc, TimeSpan duration);

    [LoggerMessage(3003, LogLevel.Information, "Kept {Family} (best validation AUC) in {Folder}")]
    public static partial void ModelSaved(ILogger logger, ModelFamilyKind family, string folder);
}
