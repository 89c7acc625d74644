using System.Text.Json;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class ModelEvaluatorTests
{
    [Fact]
    public void Evaluate_SmallTable_ReportsHandComputedValues()
    {
        // p: 0.9 (+), 0.8 (-), 0.7 (+), 0.6 (-). P = N = 2.
        // AUC: 0.9 beats both negatives, 0.7 beats 0.6: 3/4. AP = 1/2 · 1 + 1/2 · 2/3 = 5/6.
        // Log loss = -(ln 0.9 + ln 0.2 + ln 0.7 + ln 0.4) / 4. Brier = (0.01 + 0.64 + 0.09 + 0.36) / 4 = 0.275.
        // F1 by threshold (2TP / (flagged + P)): 0.9: 2/3, 0.8: 2/4, 0.7: 4/5, 0.6: 4/6 -> 0.7.
        var metrics = ModelEvaluator.Evaluate([0.9, 0.8, 0.7, 0.6], [true, false, true, false]);

        Assert.Equal((4, 2, 2), (metrics.Count, metrics.Positives, metrics.Negatives));
        Assert.Equal(0.5, metrics.PositiveRate);
        Assert.Equal(0.75, metrics.RocAuc, 12);
        Assert.Equal(5.0 / 6, metrics.AveragePrecision, 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.2) + Math.Log(0.7) + Math.Log(0.4)) / 4, metrics.LogLoss, 12);
        Assert.Equal(0.275, metrics.BrierScore, 12);
        // AUC 0.75 from 2 positives: too few to put a tier on.
        Assert.Equal(QualityTier.Inconclusive, metrics.Quality.Tier);
        Assert.Equal(0.7, metrics.Threshold.Threshold);
        Assert.Equal(0.8, metrics.Threshold.F1, 12);
        Assert.Equal([5.0, 10.0, 20.0], metrics.Lift.Select(l => l.Percent));
        Assert.NotNull(metrics.RocAucInterval);
    }

    [Fact]
    public void Evaluate_SmallTable_CurvesHoldEveryOperatingPoint()
    {
        var curves = ModelEvaluator.Evaluate([0.9, 0.8, 0.7, 0.6], [true, false, true, false]).Curves;

        Assert.Equal(
            [(0.0, 0.0), (0.0, 0.5), (0.5, 0.5), (0.5, 1.0), (1.0, 1.0)],
            curves.Roc.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)));
        Assert.Equal([0.9, 0.8, 0.7, 0.6], curves.Roc.Skip(1).Select(p => p.Threshold));
        Assert.True(curves.Roc[0].Threshold > 0.9);
        Assert.Equal(
            [(0.0, 1.0), (0.5, 1.0), (0.5, 0.5), (1.0, 2.0 / 3), (1.0, 0.5)],
            curves.PrecisionRecall.Select(p => (p.Recall, p.Precision)));
        Assert.Equal(
            [(0.0, 0.0), (0.25, 0.5), (0.5, 0.5), (0.75, 1.0), (1.0, 1.0)],
            curves.Gains.Select(p => (p.ClientShare, p.PositiveShare)));
    }

    [Fact]
    public void Evaluate_LargeData_CurvesAreThinnedWithEndpointsKept()
    {
        var (scores, labels) = BinarySamples.Binormal(new Random(5), 20_000, 0.05, separation: 1.2);

        var curves = ModelEvaluator.Evaluate(scores, labels).Curves;

        Assert.InRange(curves.Roc.Count, 150, 200);
        Assert.InRange(curves.PrecisionRecall.Count, 150, 200);
        Assert.InRange(curves.Gains.Count, 150, 200);
        Assert.Equal((0.0, 0.0), (curves.Roc[0].FalsePositiveRate, curves.Roc[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (curves.Roc[^1].FalsePositiveRate, curves.Roc[^1].TruePositiveRate));
        Assert.Equal((0.0, 1.0), (curves.PrecisionRecall[0].Recall, curves.PrecisionRecall[0].Precision));
        Assert.Equal(1.0, curves.PrecisionRecall[^1].Recall);
        Assert.Equal(labels.Count(l => l) / 20_000.0, curves.PrecisionRecall[^1].Precision, 12);
        Assert.Equal(scores.Min(), curves.Roc[^1].Threshold);
        Assert.Equal((1.0, 1.0), (curves.Gains[^1].ClientShare, curves.Gains[^1].PositiveShare));
        Assert.All(curves.Roc.Zip(curves.Roc.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Threshold < pair.First.Threshold);
            Assert.True(pair.Second.FalsePositiveRate >= pair.First.FalsePositiveRate);
            Assert.True(pair.Second.TruePositiveRate >= pair.First.TruePositiveRate);
        });
    }

    [Fact]
    public void Evaluate_CalibrationCurve_UsesEqualCountBinsWithoutSplittingTies()
    {
        // Two bins of 2.5 clients wanted; the three tied 0.2s stay together: {0.1, 0.2, 0.2, 0.2} and {0.9}.
        var metrics = ModelEvaluator.Evaluate(
            [0.1, 0.2, 0.2, 0.2, 0.9], [false, true, false, false, true], new EvaluationOptions { CalibrationCurveBins = 2 });

        Assert.Equal(
            [new ReliabilityBin(0.1, 0.2, 0.175, 0.25, 4), new ReliabilityBin(0.9, 0.9, 0.9, 1, 1)],
            metrics.Curves.Calibration.Select(b => b with { MeanPredicted = Math.Round(b.MeanPredicted, 12) }));
    }

    [Fact]
    public void Evaluate_CalibrationCurve_DistinctScoresGiveEqualBins()
    {
        var scores = Enumerable.Range(1, 10).Select(i => i / 10.0).ToArray();
        var labels = scores.Select(s => s > 0.5).ToArray();

        var bins = ModelEvaluator.Evaluate(scores, labels, new EvaluationOptions { CalibrationCurveBins = 5 }).Curves.Calibration;

        Assert.Equal([2, 2, 2, 2, 2], bins.Select(b => b.Count));
        Assert.Equal([0.0, 0.0, 0.5, 1.0, 1.0], bins.Select(b => b.ObservedRate));
    }

    [Fact]
    public void Evaluate_OneClass_Throws()
    {
        Assert.Throws<ArgumentException>(() => ModelEvaluator.Evaluate([0.1, 0.2], [false, false]));
    }

    [Fact]
    public void Evaluate_InvalidOptions_Throw()
    {
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() =>
            ModelEvaluator.Evaluate([0.1, 0.9], [false, true], new EvaluationOptions { MaxCurvePoints = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ModelEvaluator.Evaluate([0.1, 0.9], [false, true], new EvaluationOptions { LiftPercents = [0] }));
    }

    [Fact]
    public void Evaluate_Json_RoundTripsWithProjectOptions()
    {
        var (scores, labels) = BinarySamples.Binormal(new Random(8), 2_000, 0.1, separation: 1);
        var metrics = ModelEvaluator.Evaluate(scores, labels, new EvaluationOptions { ThresholdRule = ThresholdRule.TopPercent(10) });

        var json = JsonSerializer.Serialize(metrics, ClickcastJson.Options);
        var back = JsonSerializer.Deserialize<ModelMetrics>(json, ClickcastJson.Options);

        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back, ClickcastJson.Options));
        Assert.Equal(metrics.RocAuc, back.RocAuc);
        Assert.Equal(metrics.Threshold, back.Threshold);
        Assert.Equal(metrics.Curves.Roc, back.Curves.Roc);
        Assert.Contains("\"rocAuc\":", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"TopPercent\"", json, StringComparison.Ordinal);
        Assert.Contains("\"tier\":\"" + metrics.Quality.Tier + "\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Json_OmitsIntervalWhenUndefined()
    {
        var metrics = ModelEvaluator.Evaluate([0.9, 0.2, 0.1], [true, false, false]);

        Assert.Null(metrics.RocAucInterval);
        Assert.DoesNotContain("rocAucInterval", JsonSerializer.Serialize(metrics, ClickcastJson.Options), StringComparison.Ordinal);
    }
}
