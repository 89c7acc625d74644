using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class CalibrationPolicyTests
{
    [Theory]
    // Ranks the right way round: Platt is kept, no warning.
    [InlineData("ranks", CalibratorKind.Platt, CalibratorKind.Platt, false)]
    // Mostly reversed but the top scores are right (Platt slope < 0, isotonic not flat): isotonic, with a warning.
    [InlineData("u-shaped", CalibratorKind.Platt, CalibratorKind.Isotonic, true)]
    // Fully reversed: Platt slope < 0 and isotonic flat: uncalibrated, with a warning.
    [InlineData("reversed", CalibratorKind.Platt, CalibratorKind.Identity, true)]
    // Isotonic asked for on reversed scores is flat: uncalibrated, with a warning.
    [InlineData("reversed", CalibratorKind.Isotonic, CalibratorKind.Identity, true)]
    [InlineData("ranks", CalibratorKind.Isotonic, CalibratorKind.Isotonic, false)]
    [InlineData("reversed", CalibratorKind.Identity, CalibratorKind.Identity, false)]
    public void Fit_NeverKeepsAMapThatReversesOrFlattensTheRanking(string data, CalibratorKind requested, CalibratorKind expected, bool warns)
    {
        var (scores, labels) = Data(data);

        var (calibrator, warning) = CalibrationPolicy.Fit(requested, scores, labels);

        Assert.Equal(expected, calibrator.Kind);
        Assert.Equal(warns, warning is not null);
        Assert.True(warning is null || warning.Kind == ModelWarningKind.CalibrationRefused);
        Assert.False(CalibrationPolicy.IsFlat(calibrator));
        Assert.True(calibrator.Slope is null or > 0);
    }

    [Fact]
    public void Fit_ReversedScores_WouldHaveGivenPlattANegativeSlope()
    {
        var (scores, labels) = Data("reversed");

        Assert.True(ProbabilityCalibrator.FitPlatt(scores, labels).Slope < 0);
    }

    private static (double[] Scores, bool[] Labels) Data(string name)
    {
        var rows = name switch
        {
            "ranks" => Block(0.2, 10, 2).Concat(Block(0.5, 10, 5)).Concat(Block(0.8, 10, 8)),
            "reversed" => Block(0.2, 10, 8).Concat(Block(0.5, 10, 5)).Concat(Block(0.8, 10, 2)),
            _ => Block(0.1, 10, 8).Concat(Block(0.5, 10, 0)).Concat(Block(0.9, 2, 2)),
        };
        var list = rows.ToList();
        return ([.. list.Select(r => r.Score)], [.. list.Select(r => r.Label)]);
    }

    private static IEnumerable<(double Score, bool Label)> Block(double score, int count, int positives) =>
        Enumerable.Range(0, count).Select(i => (score, i < positives));
}
