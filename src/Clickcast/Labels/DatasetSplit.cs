namespace Clickcast.Labels;

/// <summary>Which part of the data a client belongs to. Fixed per client by its hash, across retrains.</summary>
public enum DatasetSplit
{
    /// <summary>Fits the weights.</summary>
    Train = 0,

    /// <summary>Early stopping, calibration, threshold.</summary>
    Validation,

    /// <summary>Reported metrics; champion and challenger are compared on it.</summary>
    Test,
}
