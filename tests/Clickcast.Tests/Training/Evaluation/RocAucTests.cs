using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class RocAucTests
{
    [Fact]
    public void RocAuc_AllScoresEqual_IsOneHalf()
    {
        // Every (positive, negative) pair is a tie worth 1/2: AUC = 1/2.
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.3, 0.3, 0.3, 0.3, 0.3], [true, false, false, true, false]));
    }

    [Fact]
    public void RocAuc_PerfectRanking_IsOne()
    {
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.9, 0.8, 0.2, 0.1], [true, true, false, false]));
    }

    [Fact]
    public void RocAuc_InvertedRanking_IsZero()
    {
        Assert.Equal(0.0, BinaryMetrics.RocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));
    }

    [Fact]
    public void RocAuc_TieAcrossClasses_CountsHalf()
    {
        // Positives {0.8, 0.6}, negatives {0.6, 0.2}. Pairs: (0.8, 0.6) = 1, (0.8, 0.2) = 1, (0.6, 0.6) = 1/2,
        // (0.6, 0.2) = 1, so AUC = 3.5 / 4 = 0.875.
        Assert.Equal(0.875, BinaryMetrics.RocAuc([0.8, 0.6, 0.6, 0.2], [true, true, false, false]), 12);
    }

    [Fact]
    public void RocAuc_MixedOrder_MatchesHandCount()
    {
        // Positives {0.9, 0.5, 0.3}, negatives {0.7, 0.4}. Pairs won by the positive: 0.9 beats both (2),
        // 0.5 beats 0.4 (1), 0.3 beats none: 3 of 6 pairs -> AUC = 0.5.
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.9, 0.7, 0.5, 0.4, 0.3], [true, false, true, false, true]), 12);
    }

    [Fact]
    public void RocAuc_OneClassOnly_IsNaN()
    {
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.1, 0.2], [true, true])));
    }

    [Fact]
    public void RocAuc_DoesNotDependOnRowOrder()
    {
        double[] scores = [0.2, 0.6, 0.8, 0.6, 0.6, 0.1];
        bool[] labels = [false, true, true, false, true, false];
        var expected = BinaryMetrics.RocAuc(scores, labels);
        Assert.Equal(expected, BinaryMetrics.RocAuc(scores.Reverse().ToArray(), labels.Reverse().ToArray()), 14);
    }

    [Fact]
    public void RocAuc_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.RocAuc([0.1, 0.2], [true]));
    }

    [Fact]
    public void RocAuc_NaNScore_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMetrics.RocAuc([0.1, double.NaN], [true, false]));
    }

    [Theory]
    [InlineData(1, 7, 0.3, 10)]
    [InlineData(2, 60, 0.1, 5)]
    [InlineData(3, 400, 0.05, 20)]
    [InlineData(4, 999, 0.5, 1000)]
    public void RocAuc_RandomData_EqualsBruteForcePairCount(int seed, int count, double positiveRate, int distinctScores)
    {
        // Few distinct scores force many ties across classes.
        var random = new Random(seed);
        var scores = new double[count];
        var labels = new bool[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.NextDouble() < positiveRate;
            scores[i] = random.Next(distinctScores) / (double)distinctScores + (labels[i] ? 0.05 : 0);
        }

        labels[0] = true;
        labels[1] = false;

        double won = 0;
        long pairs = 0;
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    won += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        Assert.Equal(won / pairs, BinaryMetrics.RocAuc(scores, labels), 12);
    }
}
