using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training.Evaluation;

/// <summary>
/// Seeded bootstrap confidence intervals for any <see cref="BinaryMetric"/>, for the small evaluation sets
/// (a few hundred clients) where a metric's noise matters more than its third decimal.
/// </summary>
public static class MetricBootstrap
{
    /// <summary>
    /// Draws <see cref="BootstrapOptions.Resamples"/> resamples with replacement (per class when stratified),
    /// evaluates <paramref name="metric"/> on each and returns the percentile interval (linear interpolation
    /// between order statistics). The same inputs and seed always give the same interval.
    /// </summary>
    public static BootstrapInterval Interval(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, BinaryMetric metric, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        options ??= new BootstrapOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        MetricInput.Check(scores, labels, probabilities: false);

        var n = scores.Length;
        var positiveRows = new List<int>();
        var negativeRows = new List<int>();
        for (var i = 0; i < n; i++)
        {
            (labels[i] ? positiveRows : negativeRows).Add(i);
        }

        // Random(int) keeps its seeded sequence across .NET versions, which a reproducible report needs.
        var random = new Random(options.Seed);
        var sampleScores = new double[n];
        var sampleLabels = new bool[n];
        var values = new List<double>(options.Resamples);
        var undefined = 0;
        for (var r = 0; r < options.Resamples; r++)
        {
            if (options.Stratified)
            {
                // Positives first, then negatives: a metric of (score, label) pairs does not depend on row order.
                for (var k = 0; k < n; k++)
                {
                    var rows = k < positiveRows.Count ? positiveRows : negativeRows;
                    var row = rows[random.Next(rows.Count)];
                    sampleScores[k] = scores[row];
                    sampleLabels[k] = labels[row];
                }
            }
            else
            {
                for (var k = 0; k < n; k++)
                {
                    var row = random.Next(n);
                    sampleScores[k] = scores[row];
                    sampleLabels[k] = labels[row];
                }
            }

            var value = metric(sampleScores, sampleLabels);
            if (double.IsNaN(value))
            {
                undefined++;
            }
            else
            {
                values.Add(value);
            }
        }

        values.Sort();
        var alpha = (1 - options.Level) / 2;
        return new BootstrapInterval(
            metric(scores, labels),
            Percentile(values, alpha),
            Percentile(values, 1 - alpha),
            options.Level,
            values.Count,
            undefined);
    }

    private static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
