namespace Clickcast.Training;

/// <summary>Training cannot produce a useful model (not enough data, family missing); the message says what to do.</summary>
public sealed class TrainingException : Exception
{
    public TrainingException()
    {
    }

    public TrainingException(string message)
        : base(message)
    {
    }

    public TrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
