using Clickcast.Tests.Support;
using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class RocAucIntervalTests
{
    [Fact]
    public void RocAucInterval_HanleyMcNeilRatings_MatchesPublishedDeLongResult()
    {
        // Hanley & McNeil (1982), Radiology 143:29-36: 109 CT images rated 1 (definitely normal) to 5 (definitely
        // abnormal). Normal (58): 33, 6, 6, 11, 2 per rating; abnormal (51): 3, 2, 2, 11, 33. Stata's manual
        // ([R] roctab, which uses DeLong's standard error by default) reports for these data:
        // ROC area 0.8932, std. err. 0.0307, 95 % CI 0.83295 to 0.95339.
        var (scores, labels) = Ratings(normal: [33, 6, 6, 11, 2], abnormal: [3, 2, 2, 11, 33]);

        var interval = BinaryMetrics.RocAucInterval(scores, labels);

        Assert.Equal(0.8932, BinaryMetrics.RocAuc(scores, labels), 4);
        Assert.NotNull(interval);
        Assert.Equal(0.0307, interval.Value.StandardError, 4);
        Assert.Equal(0.83295, interval.Value.Lower, 5);
        Assert.Equal(0.95339, interval.Value.Upper, 5);
        Assert.Equal(0.95, interval.Value.Level);
    }

    [Fact]
    public void RocAucInterval_TinyTable_MatchesHandComputedPlacements()
    {
        // Positives {0.9, 0.6, 0.4}, negatives {0.6, 0.3}. AUC: 0.9 beats 2; 0.6 ties 0.6 (1/2) and beats 0.3;
        // 0.4 beats 0.3: (2 + 1.5 + 1) / 6 = 0.75.
        // Positive placements V10 (share of negatives beaten): 1, 0.75, 0.5 -> mean 0.75,
        //   S10 = ((0.25)^2 + 0 + (0.25)^2) / 2 = 0.0625.
        // Negative placements V01 (share of positives ranked above, ties 1/2): for 0.6: (1 + 1/2) / 3 = 0.5;
        //   for 0.3: 3/3 = 1 -> S01 = ((0.5 - 0.75)^2 + (1 - 0.75)^2) / 1 = 0.125.
        // Var = 0.0625 / 3 + 0.125 / 2 = 0.0833333; SE = 0.288675.
        var interval = BinaryMetrics.RocAucInterval([0.9, 0.6, 0.4, 0.6, 0.3], [true, true, true, false, false]);

        Assert.NotNull(interval);
        Assert.Equal(Math.Sqrt(0.0625 / 3 + 0.125 / 2), interval.Value.StandardError, 12);
        Assert.Equal(0.75 - 1.959964 * 0.288675, interval.Value.Lower, 5);
        Assert.Equal(1, interval.Value.Upper); // 0.75 + 0.566 is clipped to 1
    }

    [Fact]
    public void RocAucInterval_RandomData_EqualsBruteForceDeLong()
    {
        var random = new Random(7);
        var count = 300;
        var scores = Enumerable.Range(0, count).Select(_ => random.Next(20) / 20.0).ToArray();
        var labels = scores.Select(s => random.NextDouble() < 0.1 + s / 2).ToArray();

        var positives = scores.Where((_, i) => labels[i]).ToArray();
        var negatives = scores.Where((_, i) => !labels[i]).ToArray();
        static double Psi(double x, double y) => x > y ? 1 : x == y ? 0.5 : 0;
        var v10 = positives.Select(x => negatives.Average(y => Psi(x, y))).ToArray();
        var v01 = negatives.Select(y => positives.Average(x => Psi(x, y))).ToArray();
        var auc = v10.Average();
        var s10 = v10.Sum(v => (v - auc) * (v - auc)) / (v10.Length - 1);
        var s01 = v01.Sum(v => (v - auc) * (v - auc)) / (v01.Length - 1);

        var interval = BinaryMetrics.RocAucInterval(scores, labels);

        Assert.NotNull(interval);
        Assert.Equal(Math.Sqrt(s10 / v10.Length + s01 / v01.Length), interval.Value.StandardError, 12);
    }

    [Fact]
    public void RocAucInterval_SeededSimulation_CoversTrueAucAtAboutNominalRate()
    {
        // Binormal with separation 1: true AUC = Φ(1/√2) = 0.760250. 400 data sets of 500 clients at a 10 %
        // positive rate (the size of a real access log); a 95 % interval should cover the truth ~95 % of the time.
        const double TrueAuc = 0.7602499389065233;
        var random = new Random(2024);
        var covered = 0;
        const int Runs = 400;
        for (var run = 0; run < Runs; run++)
        {
            var (scores, labels) = BinarySamples.Binormal(random, 500, 0.1, separation: 1);
            var interval = BinaryMetrics.RocAucInterval(scores, labels)!.Value;
            if (interval.Lower <= TrueAuc && TrueAuc <= interval.Upper)
            {
                covered++;
            }
        }

        var coverage = (double)covered / Runs;
        Assert.InRange(coverage, 0.92, 0.98);
    }

    [Fact]
    public void RocAucInterval_SinglePositive_IsNull()
    {
        Assert.Null(BinaryMetrics.RocAucInterval([0.9, 0.2, 0.1], [true, false, false]));
    }

    [Fact]
    public void RocAucInterval_PerfectSeparation_CollapsesToOne()
    {
        var interval = BinaryMetrics.RocAucInterval([0.9, 0.8, 0.2, 0.1], [true, true, false, false]);

        Assert.Equal(new AucInterval(1, 1, 0, 0.95), interval);
    }

    [Fact]
    public void RocAucInterval_OtherLevel_UsesMatchingNormalQuantile()
    {
        var (scores, labels) = Ratings(normal: [33, 6, 6, 11, 2], abnormal: [3, 2, 2, 11, 33]);
        var interval = BinaryMetrics.RocAucInterval(scores, labels, level: 0.90)!.Value;

        // z(0.95) = 1.644854.
        Assert.Equal(1.644854 * interval.StandardError, interval.Upper - BinaryMetrics.RocAuc(scores, labels), 6);
    }

    private static (double[] Scores, bool[] Labels) Ratings(int[] normal, int[] abnormal)
    {
        var scores = new List<double>();
        var labels = new List<bool>();
        for (var rating = 0; rating < normal.Length; rating++)
        {
            scores.AddRange(Enumerable.Repeat(rating + 1.0, normal[rating] + abnormal[rating]));
            labels.AddRange(Enumerable.Repeat(false, normal[rating]));
            labels.AddRange(Enumerable.Repeat(true, abnormal[rating]));
        }

        return (scores.ToArray(), labels.ToArray());
    }
}
