namespace Clickcast.Training.Evaluation;

/// <summary>Numerically careful logistic helpers.</summary>
internal static class Probability
{
    /// <summary>
    /// Probabilities are clipped to [ε, 1 − ε] before a logarithm or logit so a confident mistake costs a large
    /// finite amount instead of infinity (scikit-learn's historical log-loss clip).
    /// </summary>
    public const double Epsilon = 1e-15;

    public static double Clip(double p) => Math.Clamp(p, Epsilon, 1 - Epsilon);

    public static double Logit(double p)
    {
        var clipped = Clip(p);
        return Math.Log(clipped / (1 - clipped));
    }

    public static double Sigmoid(double z) =>
        z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>log(1 + e^z) without overflow.</summary>
    public static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
}
