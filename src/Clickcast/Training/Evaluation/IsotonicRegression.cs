namespace Clickcast.Training.Evaluation;

/// <summary>
/// Pool-adjacent-violators: the non-decreasing step function of the probability closest (least squares) to the
/// labels. Equal probabilities are pooled first, as scikit-learn does, so a tie never splits across blocks.
/// </summary>
internal static class IsotonicRegression
{
    /// <summary>
    /// Breakpoints of the fitted map: each block contributes its lowest and highest probability (one point if
    /// they coincide) at the block's positive rate clipped to [ε, 1 − ε]. Inputs are strictly increasing.
    /// </summary>
    public static (double[] Inputs, double[] Outputs) Fit(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, double epsilon)
    {
        var keys = probabilities.ToArray();
        var items = labels.ToArray();
        Array.Sort(keys, items);

        var n = keys.Length;
        var low = new double[n];
        var high = new double[n];
        var positives = new double[n];
        var weights = new double[n];
        var top = -1;
        for (var i = 0; i < n;)
        {
            var x = keys[i];
            top++;
            low[top] = x;
            high[top] = x;
            positives[top] = 0;
            weights[top] = 0;
            for (; i < n && keys[i] == x; i++)
            {
                weights[top]++;
                if (items[i])
                {
                    positives[top]++;
                }
            }

            // Pool while the previous block's rate is not below this one's; equal rates are pooled too, which
            // leaves the function unchanged and the breakpoints fewer.
            while (top > 0 && positives[top - 1] * weights[top] >= positives[top] * weights[top - 1])
            {
                high[top - 1] = high[top];
                positives[top - 1] += positives[top];
                weights[top - 1] += weights[top];
                top--;
            }
        }

        var inputs = new List<double>(2 * (top + 1));
        var outputs = new List<double>(2 * (top + 1));
        for (var k = 0; k <= top; k++)
        {
            var rate = Math.Clamp(positives[k] / weights[k], epsilon, 1 - epsilon);
            inputs.Add(low[k]);
            outputs.Add(rate);
            if (high[k] > low[k])
            {
                inputs.Add(high[k]);
                outputs.Add(rate);
            }
        }

        return (inputs.ToArray(), outputs.ToArray());
    }
}
