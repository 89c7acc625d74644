using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training;

/// <summary>Training settings of the logistic-regression baseline.</summary>
public sealed class LogisticRegressionSettings
{
    /// <summary>Passes over the training data at most.</summary>
    [Range(1, 1000)]
    public int MaxEpochs { get; set; } = 30;

    /// <summary>Epochs without a better validation AUC before training stops.</summary>
    [Range(1, 100)]
    public int Patience { get; set; } = 3;

    /// <summary>Adam step size.</summary>
    [Range(1e-6, 10)]
    public double LearningRate { get; set; } = 0.02;

    /// <summary>L2 penalty on the weights.</summary>
    [Range(0, 10)]
    public double L2 { get; set; } = 1e-4;

    /// <summary>Examples per update.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Seed of the shuffles.</summary>
    public int Seed { get; set; } = 17;
}
