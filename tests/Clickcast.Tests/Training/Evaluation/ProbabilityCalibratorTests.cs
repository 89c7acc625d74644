using System.Text.Json;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class ProbabilityCalibratorTests
{
    private const double Epsilon = ProbabilityCalibrator.DefaultIsotonicEpsilon;

    [Fact]
    public void Identity_Apply_ReturnsInput()
    {
        Assert.Equal(0.37, ProbabilityCalibrator.Identity.Apply(0.37));
    }

    [Fact]
    public void FitPlatt_SingleDistinctScore_FitsPriorCorrectedRate()
    {
        // All p = 0.5, so logit(p) = 0 and only the intercept matters: σ(b) = mean target.
        // Platt's targets with P = 1, N = 3: positives (1+1)/(1+2) = 2/3, negatives 1/(3+2) = 1/5.
        // Mean = (2/3 + 3 · 1/5) / 4 = (10/15 + 9/15) / 4 = 19/60 (not the raw rate 1/4).
        var calibrator = ProbabilityCalibrator.FitPlatt([0.5, 0.5, 0.5, 0.5], [true, false, false, false]);

        Assert.Equal(19.0 / 60, calibrator.Apply(0.5), 8);
    }

    [Fact]
    public void FitPlatt_MiscalibratedModel_RecoversTheDistortionAndImprovesLogLoss()
    {
        // Truth: logit q = z with z ~ N(-2, 1). The model reports p = σ(2z + 1): overconfident and too high.
        // So logit q = (logit p - 1) / 2: the ideal Platt map has slope 0.5 and intercept -0.5.
        var (validationP, validationY) = Miscalibrated(new Random(11), 20_000);
        var (testP, testY) = Miscalibrated(new Random(12), 20_000);

        var calibrator = ProbabilityCalibrator.FitPlatt(validationP, validationY);
        var calibrated = new double[testP.Length];
        calibrator.Apply(testP, calibrated);

        Assert.Equal(CalibratorKind.Platt, calibrator.Kind);
        Assert.Equal(0.5, calibrator.Slope!.Value, 0.06);
        Assert.Equal(-0.5, calibrator.Intercept!.Value, 0.15);
        Assert.True(BinaryMetrics.LogLoss(calibrated, testY) < BinaryMetrics.LogLoss(testP, testY) - 0.01);
        Assert.True(BinaryMetrics.ExpectedCalibrationError(calibrated, testY) < BinaryMetrics.ExpectedCalibrationError(testP, testY));
        Assert.Equal(BinaryMetrics.RocAuc(testP, testY), BinaryMetrics.RocAuc(calibrated, testY), 9);
    }

    [Fact]
    public void FitPlatt_SeparableishData_IsMonotoneIncreasingAndFinite()
    {
        // Perfectly separated: without Platt's target correction the slope would run off to infinity.
        double[] p = [0.05, 0.1, 0.2, 0.3, 0.6, 0.7, 0.8, 0.95];
        bool[] y = [false, false, false, false, true, true, true, true];

        var calibrator = ProbabilityCalibrator.FitPlatt(p, y);

        Assert.True(calibrator.Slope > 0);
        Assert.True(double.IsFinite(calibrator.Slope!.Value));
        var grid = Enumerable.Range(0, 101).Select(i => calibrator.Apply(i / 100.0)).ToArray();
        Assert.All(grid.Zip(grid.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.True(calibrator.Apply(0.95) < 1 && calibrator.Apply(0.05) > 0);
    }

    [Fact]
    public void FitIsotonic_StepFunction_IsFittedExactly()
    {
        // Labels 0,0,0 then 1,1,1: two blocks, rates 0 and 1 (clipped to ε and 1 - ε), linear between 0.3 and 0.4.
        double[] p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        bool[] y = [false, false, false, true, true, true];

        var calibrator = ProbabilityCalibrator.FitIsotonic(p, y);

        Assert.Equal([0.1, 0.3, 0.4, 0.6], calibrator.Inputs!);
        Assert.Equal([Epsilon, Epsilon, 1 - Epsilon, 1 - Epsilon], calibrator.Outputs!);
        Assert.All(p.Zip(y), row => Assert.Equal(row.Second ? 1 - Epsilon : Epsilon, calibrator.Apply(row.First)));
        Assert.Equal(0.5, calibrator.Apply(0.35), 12);
    }

    [Fact]
    public void FitIsotonic_Violation_IsPooledAndInterpolated()
    {
        // Rates by p: 0.1 -> 0, 0.2 -> 1, 0.3 -> 0, 0.4 -> 1. 0.2 and 0.3 violate order and pool to 1/2.
        // Breakpoints (0.1, ε), (0.2, 0.5), (0.3, 0.5), (0.4, 1 - ε).
        var calibrator = ProbabilityCalibrator.FitIsotonic([0.1, 0.2, 0.3, 0.4], [false, true, false, true]);

        Assert.Equal([0.1, 0.2, 0.3, 0.4], calibrator.Inputs!);
        Assert.Equal([Epsilon, 0.5, 0.5, 1 - Epsilon], calibrator.Outputs!);
        Assert.Equal(Epsilon + (0.5 - Epsilon) / 2, calibrator.Apply(0.15), 12); // halfway between 0.1 and 0.2
        Assert.Equal(0.5, calibrator.Apply(0.25), 12);
        Assert.Equal(Epsilon, calibrator.Apply(0.01)); // flat below the first breakpoint
        Assert.Equal(1 - Epsilon, calibrator.Apply(0.99)); // and above the last
    }

    [Fact]
    public void FitIsotonic_TiedProbabilities_ArePooledFirst()
    {
        var calibrator = ProbabilityCalibrator.FitIsotonic([0.2, 0.2, 0.2], [true, false, false]);

        Assert.Equal([0.2], calibrator.Inputs!);
        Assert.Equal(1.0 / 3, calibrator.Outputs![0], 12);
    }

    [Fact]
    public void FitIsotonic_RandomData_IsMonotone()
    {
        var random = new Random(21);
        var p = Enumerable.Range(0, 2000).Select(_ => Math.Round(random.NextDouble(), 3)).ToArray();
        var y = BinarySamples.Outcomes(random, p.Select(x => x * x).ToArray());

        var calibrator = ProbabilityCalibrator.FitIsotonic(p, y);

        var grid = Enumerable.Range(0, 1001).Select(i => calibrator.Apply(i / 1000.0)).ToArray();
        Assert.All(grid.Zip(grid.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.All(grid, value => Assert.InRange(value, Epsilon, 1 - Epsilon));
        Assert.True(BinaryMetrics.BrierScore(p.Select(calibrator.Apply).ToArray(), y) <= BinaryMetrics.BrierScore(p, y));
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryKind()
    {
        var isotonic = ProbabilityCalibrator.FitIsotonic([0.1, 0.2, 0.3, 0.4], [false, true, false, true]);
        var platt = ProbabilityCalibrator.Platt(0.5, -0.25);

        Assert.Equal("""{"kind":"Identity"}""", JsonSerializer.Serialize(ProbabilityCalibrator.Identity, ClickcastJson.Options));
        Assert.Equal("""{"kind":"Platt","slope":0.5,"intercept":-0.25}""", JsonSerializer.Serialize(platt, ClickcastJson.Options));
        foreach (var calibrator in new[] { ProbabilityCalibrator.Identity, platt, isotonic })
        {
            var json = JsonSerializer.Serialize(calibrator, ClickcastJson.Options);
            var back = JsonSerializer.Deserialize<ProbabilityCalibrator>(json, ClickcastJson.Options);

            Assert.Equal(calibrator, back);
            Assert.Equal(calibrator.Apply(0.17), back!.Apply(0.17));
        }
    }

    [Fact]
    public void Json_DecreasingBreakpoints_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => JsonSerializer.Deserialize<ProbabilityCalibrator>(
            """{"kind":"Isotonic","inputs":[0.1,0.2],"outputs":[0.6,0.4]}""", ClickcastJson.Options));
    }

    private static (double[] Probabilities, bool[] Labels) Miscalibrated(Random random, int count)
    {
        var z = Enumerable.Range(0, count).Select(_ => BinarySamples.Gaussian(random) - 2).ToArray();
        var labels = BinarySamples.Outcomes(random, z.Select(Sigmoid).ToArray());
        return (z.Select(v => Sigmoid(2 * v + 1)).ToArray(), labels);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
