namespace Clickcast.Torch.Evaluation;

/// <summary>
/// Area under the ROC curve from ranks (Mann-Whitney U), with tied scores sharing their average rank so a tie counts
/// half. Only what early stopping needs; the domain's metrics module is the one to report with.
/// </summary>
internal static class RocAuc
{
    /// <returns>AUC in [0, 1]; NaN when either class is missing.</returns>
    public static double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positives)
    {
        if (scores.Length != positives.Length)
        {
            throw new ArgumentException("Scores and labels differ in length.", nameof(positives));
        }

        var order = new int[scores.Length];
        var keys = scores.ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positiveCount = 0;
        var start = 0;
        while (start < keys.Length)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            // Ranks start + 1 .. end (1-based) share their mean.
            var averageRank = (start + 1 + end) / 2.0;
            for (var i = start; i < end; i++)
            {
                if (positives[order[i]])
                {
                    positiveRankSum += averageRank;
                    positiveCount++;
                }
            }

            start = end;
        }

        long negativeCount = keys.Length - positiveCount;
        if (positiveCount == 0 || negativeCount == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positiveCount * (positiveCount + 1) / 2.0)) / ((double)positiveCount * negativeCount);
    }
}
