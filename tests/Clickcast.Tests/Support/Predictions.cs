using Clickcast.Scoring;
using Clickcast.Storage;

namespace Clickcast.Tests.Support;

/// <summary>Predictions files for export tests.</summary>
internal static class Predictions
{
    public static readonly DateTimeOffset ScoredAt = new DateTimeOffset(2026, 11, 26, 12, 30, 15, TimeSpan.Zero).AddTicks(1234560);

    /// <summary><paramref name="count"/> rows c000…, probabilities falling, buckets by rank.</summary>
    public static List<Prediction> Make(string tenant, string task, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var probability = 0.9 - (0.8 * i / Math.Max(1, count));
            var percentile = 100.0 * (count - i) / count;
            var bucket = percentile > 80 ? "high" : percentile > 40 ? "medium" : "low";
            return new Prediction(tenant, task, $"c{i:D3}", probability, percentile, bucket, probability > 0.5, 3, ScoredAt);
        }).ToList();

    /// <summary>Writes rows as <c>tenants/{tenant}/tasks/{task}/predictions/{id}.parquet</c> and returns the key.</summary>
    public static async Task<string> WriteAsync(IObjectStore store, string tenant, string task, string id, IEnumerable<Prediction> rows)
    {
        var key = TenantLayout.Predictions(tenant, task) + id + ".parquet";
        await PredictionFileWriter.WriteAsync(store, key, rows, TestContext.Current.CancellationToken);
        return key;
    }
}
