using Clickcast.Labels;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

public sealed partial class ModelTrainer
{
    /// <summary>Calibrates on validation, evaluates validation and test, and lists the candidate's warnings.</summary>
    private static Judgement Judge(ITrainedModel model, List<LabeledExample> validation, List<LabeledExample> test, long? cutoff, ModelSettings settings)
    {
        var statistics = settings.Statistics;
        var validationRaw = new double[validation.Count];
        model.Score(new ExampleInputs(validation, cutoff), validationRaw);
        var validationLabels = validation.Select(e => e.Label).ToArray();
        var (calibrator, calibrationWarning) = CalibrationPolicy.Fit(settings.Calibration, validationRaw, validationLabels);
        var validationCalibrated = new double[validationRaw.Length];
        calibrator.Apply(validationRaw, validationCalibrated);
        var options = EvaluationOf(settings);
        var validationMetrics = ModelEvaluator.Evaluate(validationCalibrated, validationLabels, options);

        var testRaw = new double[test.Count];
        model.Score(new ExampleInputs(test, cutoff), testRaw);
        var testCalibrated = new double[testRaw.Length];
        calibrator.Apply(testRaw, testCalibrated);

        // The threshold comes from validation; test metrics report how it holds up.
        var testMetrics = ModelEvaluator.Evaluate(testCalibrated, test.Select(e => e.Label).ToArray(), options);
        var threshold = validationMetrics.Threshold.Threshold;
        var warnings = new[]
        {
            calibrationWarning,
            ModelWarningRules.Threshold(threshold, testCalibrated.Count(p => p >= threshold), testCalibrated.Length, statistics.MaxFlaggedShare),
            ModelWarningRules.Quality(testMetrics.Quality),
        }.OfType<ModelWarning>().ToList();
        return new Judgement(new ModelCalibration(calibrator, settings.Threshold, validationMetrics.Threshold), validationMetrics, testMetrics, validationRaw, testCalibrated, warnings);
    }

    /// <summary>How a model trained with <paramref name="settings"/> is evaluated: the same for its own test and a comparison.</summary>
    internal static EvaluationOptions EvaluationOf(ModelSettings settings) => new()
    {
        ThresholdRule = settings.Threshold,
        BootstrapBelowPositives = settings.Statistics.BootstrapBelowPositives,
        BootstrapResamples = settings.Statistics.BootstrapResamples,
        InconclusiveBelowPositives = settings.Statistics.InconclusiveBelowPositives,
    };

    /// <summary>
    /// <see cref="FamilySelectionRule"/> on validation scores, or on out-of-fold scores over train + validation
    /// when validation has fewer positives than <see cref="StatisticsSettings.CrossValidationBelowPositives"/>.
    /// </summary>
    private FamilySelection Select(List<(IModelFamily Family, double[] ValidationRaw)> candidates, List<LabeledExample> train, List<LabeledExample> validation, Vocabulary vocabulary, long? cutoff, ModelSettings settings, CancellationToken cancellationToken)
    {
        var statistics = settings.Statistics;
        var validationPositives = validation.Count(e => e.Label);
        if (candidates.Count == 1 || validationPositives >= statistics.CrossValidationBelowPositives)
        {
            var selection = FamilySelectionRule.Choose(candidates.Select(c => new FamilyScores(c.Family.Kind, c.ValidationRaw)).ToList(), validation.Select(e => e.Label).ToList(), statistics.SelectionZ, SelectionMethod.Validation);
            Log.FamilySelected(_logger, selection.Chosen, selection.Method, selection.Reason);
            return selection;
        }

        var pooled = train.Concat(validation).ToList();
        Log.CrossValidating(_logger, statistics.Folds, pooled.Count, validationPositives);
        var scores = CrossValidation.OutOfFold(
            candidates.Select(c => c.Family).ToList(),
            pooled,
            statistics.Folds,
            (foldTrain, foldValidation) => new ModelTrainingRequest { Vocabulary = vocabulary, Train = foldTrain, Validation = foldValidation, CutoffMicros = cutoff, Settings = settings },
            cutoff,
            cancellationToken);
        var crossValidated = FamilySelectionRule.Choose(scores, pooled.Select(e => e.Label).ToList(), statistics.SelectionZ, SelectionMethod.CrossValidation);
        Log.FamilySelected(_logger, crossValidated.Chosen, crossValidated.Method, crossValidated.Reason);
        return crossValidated;
    }

    private sealed record Judgement(ModelCalibration Calibration, ModelMetrics Validation, ModelMetrics Test, double[] ValidationRaw, double[] TestCalibrated, IReadOnlyList<ModelWarning> Warnings);
}
