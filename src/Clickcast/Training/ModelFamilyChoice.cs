namespace Clickcast.Training;

/// <summary>Which model family a task uses.</summary>
public enum ModelFamilyChoice
{
    /// <summary>Train every available family and keep one by <see cref="FamilySelectionRule"/>: the simplest unless another leads by more than the noise.</summary>
    BestOf = 0,

    /// <summary>Always the GRU.</summary>
    Gru,

    /// <summary>Always the logistic-regression baseline.</summary>
    LogisticRegression,

    /// <summary>Always LightGBM.</summary>
    LightGbm,
}
