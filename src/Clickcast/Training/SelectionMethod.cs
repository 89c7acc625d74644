namespace Clickcast.Training;

/// <summary>Which scores a family choice was made on.</summary>
public enum SelectionMethod
{
    /// <summary>One family only: nothing to choose.</summary>
    OnlyFamily = 0,

    /// <summary>Each family's scores on the validation split.</summary>
    Validation,

    /// <summary>Out-of-fold scores of k-fold cross-validation over train + validation (few validation positives).</summary>
    CrossValidation,
}
