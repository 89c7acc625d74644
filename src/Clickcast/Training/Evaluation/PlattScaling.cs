namespace Clickcast.Training.Evaluation;

/// <summary>
/// Fits p' = σ(a·logit(p) + b) by Newton's method with a backtracking line search, following Lin, Lin and Weng,
/// "A note on Platt's probabilistic outputs for support vector machines" (2007): Platt's targets
/// (P+1)/(P+2) for positives and 1/(N+2) for negatives instead of 1 and 0, so separable data cannot push the
/// slope to infinity, and a tiny ridge on the Hessian for data with a single distinct score.
/// </summary>
internal static class PlattScaling
{
    private const int MaxIterations = 100;
    private const double Ridge = 1e-12;
    private const double MinStep = 1e-10;
    private const double Armijo = 1e-4;

    public static (double Slope, double Intercept) Fit(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        var n = probabilities.Length;
        var features = new double[n];
        var targets = new double[n];
        var positives = MetricInput.CountPositives(labels);
        var negatives = n - positives;
        var positiveTarget = (positives + 1.0) / (positives + 2.0);
        var negativeTarget = 1.0 / (negatives + 2.0);
        for (var i = 0; i < n; i++)
        {
            features[i] = Probability.Logit(probabilities[i]);
            targets[i] = labels[i] ? positiveTarget : negativeTarget;
        }

        // Platt's start: flat at the (corrected) base rate.
        double a = 0, b = Math.Log((positives + 1.0) / (negatives + 1.0));
        var loss = Loss(features, targets, a, b);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double ga = 0, gb = 0, haa = Ridge, hab = 0, hbb = Ridge;
            for (var i = 0; i < n; i++)
            {
                var x = features[i];
                var q = Probability.Sigmoid(a * x + b);
                var d = q - targets[i];
                var w = q * (1 - q);
                ga += d * x;
                gb += d;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }

            if (Math.Max(Math.Abs(ga), Math.Abs(gb)) <= 1e-10 * n)
            {
                break;
            }

            var determinant = haa * hbb - hab * hab;
            var da = -(hbb * ga - hab * gb) / determinant;
            var db = -(haa * gb - hab * ga) / determinant;
            var slope = ga * da + gb * db;

            var accepted = false;
            for (var step = 1.0; step >= MinStep; step /= 2)
            {
                var na = a + step * da;
                var nb = b + step * db;
                var candidate = Loss(features, targets, na, nb);
                if (candidate <= loss + Armijo * step * slope)
                {
                    a = na;
                    b = nb;
                    loss = candidate;
                    accepted = true;
                    break;
                }
            }

            if (!accepted)
            {
                // No descent left at machine precision: we are at the minimum as far as doubles can tell.
                break;
            }
        }

        return (a, b);
    }

    /// <summary>Cross-entropy against the soft targets: Σ log(1 + e^z) − t·z with z = a·x + b.</summary>
    private static double Loss(double[] features, double[] targets, double a, double b)
    {
        double sum = 0;
        for (var i = 0; i < features.Length; i++)
        {
            var z = a * features[i] + b;
            sum += Probability.Softplus(z) - targets[i] * z;
        }

        return sum;
    }
}
