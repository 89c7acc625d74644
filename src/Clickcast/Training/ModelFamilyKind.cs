namespace Clickcast.Training;

/// <summary>Kinds of model a task can train.</summary>
public enum ModelFamilyKind
{
    /// <summary>A recurrent network (GRU) over the chain of URL tokens and time features.</summary>
    Gru = 0,

    /// <summary>Logistic regression over a bag of URL tokens plus recency and frequency: the baseline.</summary>
    LogisticRegression,

    /// <summary>Gradient-boosted trees (LightGBM) over per-event-type aggregates, recency, frequency and the top URL tokens.</summary>
    LightGbm,
}
