namespace Clickcast.Training.Evaluation;

internal sealed partial class RankedScores
{
    // Counts are integers and targets are user-typed decimals: a rounding error in target × count must not turn
    // "exactly 70 %" into "just below 70 %".
    private const double CountTolerance = 1e-9;

    /// <summary>Lift and gains in the top <paramref name="percent"/> %, ties at the cut credited pro rata.</summary>
    public LiftPoint Lift(double percent)
    {
        var cut = percent * Count / 100;
        var g = FirstGroupReaching(cut);
        var groupClients = _clients[g] - ClientsBefore(g);
        var groupPositives = _positives[g] - PositivesBefore(g);
        var inside = (cut - ClientsBefore(g)) / groupClients;
        var positives = PositivesBefore(g) + inside * groupPositives;
        var precision = positives / cut;
        var baseRate = (double)Positives / Count;
        return new LiftPoint(
            percent,
            cut,
            positives,
            precision,
            Positives == 0 ? 0 : precision / baseRate,
            Positives == 0 ? 0 : positives / Positives);
    }

    /// <summary>Applies a threshold rule; needs at least one positive.</summary>
    public ThresholdChoice Choose(ThresholdRule rule)
    {
        var met = true;
        int chosen;
        switch (rule.Kind)
        {
            case ThresholdRuleKind.MaxF1:
                chosen = 0;
                for (var g = 1; g < _groups; g++)
                {
                    // F1 = 2TP / (2TP + FP + FN) = 2TP / (flagged + P); strict > keeps the highest threshold on ties.
                    if ((double)_positives[g] / (_clients[g] + Positives) > (double)_positives[chosen] / (_clients[chosen] + Positives))
                    {
                        chosen = g;
                    }
                }

                break;
            case ThresholdRuleKind.TargetPrecision:
                chosen = -1;
                for (var g = _groups - 1; g >= 0 && chosen < 0; g--)
                {
                    if (_positives[g] >= rule.Target * _clients[g] - CountTolerance)
                    {
                        chosen = g;
                    }
                }

                if (chosen < 0)
                {
                    met = false;
                    chosen = 0;
                    for (var g = 1; g < _groups; g++)
                    {
                        if ((double)_positives[g] / _clients[g] >= (double)_positives[chosen] / _clients[chosen])
                        {
                            chosen = g;
                        }
                    }
                }

                break;
            case ThresholdRuleKind.TargetRecall:
                chosen = 0;
                while (_positives[chosen] < rule.Target * Positives - CountTolerance)
                {
                    chosen++;
                }

                break;
            case ThresholdRuleKind.TopPercent:
                var rank = Math.Max(1, (int)Math.Ceiling(rule.Target * Count / 100 - CountTolerance));
                chosen = FirstGroupReaching(rank);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "Unknown threshold rule.");
        }

        var truePositives = _positives[chosen];
        var flagged = _clients[chosen];
        return new ThresholdChoice(
            rule,
            _scores[chosen],
            (double)truePositives / flagged,
            (double)truePositives / Positives,
            2.0 * truePositives / (flagged + Positives),
            (double)flagged / Count,
            truePositives,
            flagged - truePositives,
            met);
    }

    /// <summary>The first group (highest score first) at which the cumulative client count reaches <paramref name="clients"/>.</summary>
    private int FirstGroupReaching(double clients)
    {
        int low = 0, high = _groups - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_clients[mid] >= clients)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
