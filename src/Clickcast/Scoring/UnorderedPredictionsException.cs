namespace Clickcast.Scoring;

/// <summary>A predictions stream given to <see cref="CurrentMerge"/> is not in client order.</summary>
public sealed class UnorderedPredictionsException : IOException
{
    public UnorderedPredictionsException()
    {
    }

    public UnorderedPredictionsException(string message)
        : base(message)
    {
    }

    public UnorderedPredictionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
