namespace Clickcast.Tests.Support;

/// <summary>Seeded synthetic (score, label) samples for metric tests.</summary>
public static class BinarySamples
{
    /// <summary>
    /// Binormal data: negatives' scores ~ N(0, 1), positives' ~ N(<paramref name="separation"/>, 1), so the true
    /// AUC is Φ(separation / √2). Scores are returned as σ(score) to look like probabilities (AUC is unchanged).
    /// </summary>
    public static (double[] Scores, bool[] Labels) Binormal(Random random, int count, double positiveRate, double separation)
    {
        var scores = new double[count];
        var labels = new bool[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.NextDouble() < positiveRate;
            var z = Gaussian(random) + (labels[i] ? separation : 0);
            scores[i] = 1 / (1 + Math.Exp(-z));
        }

        return (scores, labels);
    }

    /// <summary>Labels drawn from the given true probabilities.</summary>
    public static bool[] Outcomes(Random random, double[] probabilities) =>
        probabilities.Select(p => random.NextDouble() < p).ToArray();

    /// <summary>Box-Muller standard normal draw.</summary>
    public static double Gaussian(Random random)
    {
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
