namespace Clickcast.Scoring;

/// <summary>Bucket names as files, exports and the API write them: <c>high</c>, <c>medium</c>, <c>low</c>.</summary>
public static class ScoreBuckets
{
    public static string Name(ScoreBucket bucket) => bucket switch
    {
        ScoreBucket.High => "high",
        ScoreBucket.Medium => "medium",
        _ => "low",
    };

    public static ScoreBucket Parse(string? name) => name switch
    {
        "high" => ScoreBucket.High,
        "medium" => ScoreBucket.Medium,
        _ => ScoreBucket.Low,
    };
}
