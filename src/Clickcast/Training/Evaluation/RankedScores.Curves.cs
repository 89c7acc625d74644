namespace Clickcast.Training.Evaluation;

internal sealed partial class RankedScores
{
    /// <summary>ROC points from (0, 0) through every tie group to (1, 1), thinned to <paramref name="maxPoints"/>.</summary>
    public IReadOnlyList<RocPoint> RocCurve(int maxPoints) =>
        Sample(maxPoints, i => i == 0 ? (0, 0) : ((double)NegativesAtOrAbove(i - 1) / Negatives, (double)_positives[i - 1] / Positives),
            (i, p) => new RocPoint(p.X, p.Y, ThresholdOf(i)));

    /// <summary>
    /// Precision-recall points: scikit-learn's anchor (recall 0, precision 1), then every tie group down to the
    /// lowest score (recall 1, precision = positive rate), thinned to <paramref name="maxPoints"/>.
    /// </summary>
    public IReadOnlyList<PrecisionRecallPoint> PrecisionRecallCurve(int maxPoints) =>
        Sample(maxPoints, i => i == 0 ? (0, 1) : ((double)_positives[i - 1] / Positives, (double)_positives[i - 1] / _clients[i - 1]),
            (i, p) => new PrecisionRecallPoint(p.X, p.Y, ThresholdOf(i)));

    /// <summary>Cumulative gains from (0, 0) through every tie group to (1, 1), thinned to <paramref name="maxPoints"/>.</summary>
    public IReadOnlyList<GainsPoint> GainsCurve(int maxPoints) =>
        Sample(maxPoints, i => i == 0 ? (0, 0) : ((double)_clients[i - 1] / Count, (double)_positives[i - 1] / Positives),
            (_, p) => new GainsPoint(p.X, p.Y));

    /// <summary>
    /// A calibration curve over quantile bins: about <paramref name="bins"/> bins of equal client count, each tie
    /// group kept whole so the result does not depend on sort order (bins can therefore be fewer or uneven).
    /// Equal-frequency bins suit skewed predictions: at a 3 % positive rate nearly every client would fall into
    /// the first equal-width bin.
    /// </summary>
    public IReadOnlyList<ReliabilityBin> QuantileBins(int bins)
    {
        var result = new List<ReliabilityBin>(bins);
        var target = 0;
        int clients = 0, positives = 0, seen = 0;
        double sum = 0, lower = 0;
        for (var g = _groups - 1; g >= 0; g--)
        {
            var groupClients = _clients[g] - ClientsBefore(g);
            if (clients == 0)
            {
                lower = _scores[g];
            }

            clients += groupClients;
            positives += _positives[g] - PositivesBefore(g);
            sum += _scores[g] * groupClients;
            seen += groupClients;
            if (g == 0 || (double)seen * bins >= (double)(target + 1) * Count)
            {
                result.Add(new ReliabilityBin(lower, _scores[g], sum / clients, (double)positives / clients, clients));
                target = (int)Math.Floor((double)seen * bins / Count);
                clients = 0;
                positives = 0;
                sum = 0;
            }
        }

        return result.AsReadOnly();
    }

    /// <summary>Point i of a curve flags groups 0..i-1; point 0 flags nothing, so its threshold lies just above the top score.</summary>
    private double ThresholdOf(int point)
    {
        if (point > 0)
        {
            return _scores[point - 1];
        }

        var above = Math.BitIncrement(_scores[0]);
        return double.IsFinite(above) ? above : _scores[0];
    }

    private IReadOnlyList<T> Sample<T>(int maxPoints, Func<int, (double X, double Y)> point, Func<int, (double X, double Y), T> make)
    {
        var kept = CurveSampler.Select(_groups + 1, point, maxPoints);
        var result = new T[kept.Length];
        for (var k = 0; k < kept.Length; k++)
        {
            result[k] = make(kept[k], point(kept[k]));
        }

        return Array.AsReadOnly(result);
    }
}
