namespace Clickcast.Scoring;

/// <summary>
/// A running count of scored clients, their summed probability and how many did the target: what a monitoring report
/// needs of a bucket, added up one prediction at a time (in file order, so the mean is the one a list would give).
/// </summary>
/// <param name="Clients">Clients counted.</param>
/// <param name="ProbabilitySum">Their probabilities, summed in the order added.</param>
/// <param name="Converted">How many did the target (or, for an inverted target, did not).</param>
public readonly record struct BucketTally(long Clients, double ProbabilitySum, long Converted)
{
    /// <summary>This tally with one more client.</summary>
    public BucketTally Add(double probability, bool converted) =>
        new(Clients + 1, ProbabilitySum + probability, Converted + (converted ? 1 : 0));

    /// <summary>Mean predicted probability; 0 when empty.</summary>
    public double ExpectedRate => Clients == 0 ? 0 : ProbabilitySum / Clients;

    /// <summary>Share that did the target; 0 when empty.</summary>
    public double ActualRate => Clients == 0 ? 0 : Converted / (double)Clients;
}
