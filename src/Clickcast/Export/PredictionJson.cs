using System.Text.Json;
using Clickcast.Scoring;

namespace Clickcast.Export;

/// <summary>
/// The JSON form of a prediction row (JSON Lines files and webhook batches): the Parquet column names, numbers with
/// round-trip precision, <c>scored_at</c> as ISO 8601 UTC with microseconds.
/// </summary>
internal static class PredictionJson
{
    /// <summary>Writes one row object; <paramref name="withScope"/> adds <c>tenant</c> and <c>task</c> (the webhook carries them once per batch).</summary>
    public static void WriteRow(Utf8JsonWriter writer, in Prediction row, bool withScope)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (withScope)
        {
            writer.WriteString("tenant", row.Tenant);
            writer.WriteString("task", row.Task);
        }

        writer.WriteString("client_id", row.ClientId);
        writer.WriteNumber("probability", row.Probability);
        writer.WriteNumber("percentile", row.Percentile);
        writer.WriteString("bucket", row.Bucket);
        writer.WriteBoolean("above_threshold", row.AboveThreshold);
        writer.WriteNumber("model_version", row.ModelVersion);
        writer.WriteString("scored_at", PredictionCsv.FormatTime(row.ScoredAt));
        writer.WriteEndObject();
    }
}
