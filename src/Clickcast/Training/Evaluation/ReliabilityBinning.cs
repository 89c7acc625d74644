namespace Clickcast.Training.Evaluation;

/// <summary>Equal-width reliability bins and the calibration error over them.</summary>
internal static class ReliabilityBinning
{
    public static IReadOnlyList<ReliabilityBin> EqualWidth(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bins)
    {
        var counts = new int[bins];
        var positives = new int[bins];
        var sums = new double[bins];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            var b = Math.Min((int)(p * bins), bins - 1);
            counts[b]++;
            sums[b] += p;
            if (labels[i])
            {
                positives[b]++;
            }
        }

        var result = new List<ReliabilityBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            if (counts[b] > 0)
            {
                result.Add(new ReliabilityBin(
                    (double)b / bins, (double)(b + 1) / bins, sums[b] / counts[b], (double)positives[b] / counts[b], counts[b]));
            }
        }

        return result.AsReadOnly();
    }

    public static double ExpectedCalibrationError(IReadOnlyList<ReliabilityBin> bins, int count)
    {
        double error = 0;
        foreach (var bin in bins)
        {
            error += (double)bin.Count / count * Math.Abs(bin.MeanPredicted - bin.ObservedRate);
        }

        return error;
    }
}
