namespace Clickcast.Training.Evaluation;

/// <summary>Computes a model's <see cref="ModelMetrics"/> from its probabilities and the true labels.</summary>
public static class ModelEvaluator
{
    /// <summary>
    /// Every metric, cut and curve in one call: the scores are sorted once (O(n log n)) and everything rank-based
    /// reads the same tie groups; the rest is one pass each. Needs probabilities in [0, 1], equally many labels,
    /// and at least one positive and one negative (AUC and lift mean nothing otherwise).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, the input is empty, a class is missing, or a lift percentage is out of range.</exception>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of its range.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is not a number in [0, 1].</exception>
    public static ModelMetrics Evaluate(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        options.Validate();
        MetricInput.Check(probabilities, labels, probabilities: true);

        var ranked = RankedScores.Rank(probabilities, labels);
        if (!ranked.HasBothClasses)
        {
            throw new ArgumentException(
                $"Evaluation needs both classes; got {ranked.Positives} positives and {ranked.Negatives} negatives.", nameof(labels));
        }

        var auc = ranked.RocAuc();
        var interval = AucIntervalPolicy.Interval(probabilities, labels, options);
        var lift = new LiftPoint[options.LiftPercents.Count];
        for (var k = 0; k < lift.Length; k++)
        {
            lift[k] = ranked.Lift(options.LiftPercents[k]);
        }

        var reliability = ReliabilityBinning.EqualWidth(probabilities, labels, options.CalibrationBins);
        return new ModelMetrics
        {
            Count = ranked.Count,
            Positives = ranked.Positives,
            Negatives = ranked.Negatives,
            PositiveRate = (double)ranked.Positives / ranked.Count,
            RocAuc = auc,
            RocAucInterval = interval,
            AveragePrecision = ranked.AveragePrecision(),
            LogLoss = BinaryMetrics.LogLoss(probabilities, labels),
            BrierScore = BinaryMetrics.BrierScore(probabilities, labels),
            Quality = QualityVerdict.Judge(auc, interval, ranked.Positives, options.InconclusiveBelowPositives),
            Lift = Array.AsReadOnly(lift),
            ExpectedCalibrationError = ReliabilityBinning.ExpectedCalibrationError(reliability, ranked.Count),
            ReliabilityBins = reliability,
            Threshold = ranked.Choose(options.ThresholdRule),
            Curves = new ModelCurves
            {
                Roc = ranked.RocCurve(options.MaxCurvePoints),
                PrecisionRecall = ranked.PrecisionRecallCurve(options.MaxCurvePoints),
                Gains = ranked.GainsCurve(options.MaxCurvePoints),
                Calibration = ranked.QuantileBins(options.CalibrationCurveBins),
            },
        };
    }
}
