namespace Clickcast.Pipeline.Jobs;

/// <summary>The logging scope a worker opens around each attempt, so what the pipeline logs meanwhile is the job's log.</summary>
/// <param name="JobId">The job running.</param>
internal sealed record JobLogScope(long JobId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] => index == 0 ? new("JobId", JobId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"JobId:{JobId}";
}
