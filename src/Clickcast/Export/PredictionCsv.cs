using System.Globalization;
using System.Text;
using Clickcast.Scoring;

namespace Clickcast.Export;

/// <summary>
/// The CSV form of predictions (file exports and Join uploads): RFC 4180, UTF-8 without BOM, '\n' line ends, a
/// header row with the Parquet column names, numbers in invariant culture with round-trip precision, booleans as
/// <c>true</c>/<c>false</c>, <c>scored_at</c> as ISO 8601 UTC with microseconds.
/// </summary>
internal static class PredictionCsv
{
    public const string Header = "tenant,task,client_id,probability,percentile,bucket,above_threshold,model_version,scored_at";

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void WriteHeader(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
    }

    public static void WriteRow(TextWriter writer, in Prediction row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteField(writer, row.Tenant);
        writer.Write(',');
        WriteField(writer, row.Task);
        writer.Write(',');
        WriteField(writer, row.ClientId);
        writer.Write(',');
        writer.Write(row.Probability.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(',');
        writer.Write(row.Percentile.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(',');
        WriteField(writer, row.Bucket);
        writer.Write(',');
        writer.Write(row.AboveThreshold ? "true" : "false");
        writer.Write(',');
        writer.Write(row.ModelVersion.ToString(CultureInfo.InvariantCulture));
        writer.Write(',');
        writer.Write(FormatTime(row.ScoredAt));
        writer.Write('\n');
    }

    /// <summary>The whole CSV of <paramref name="rows"/>, header first.</summary>
    public static byte[] ToBytes(IReadOnlyList<Prediction> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8, leaveOpen: true))
        {
            WriteHeader(writer);
            foreach (var row in rows)
            {
                WriteRow(writer, row);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>ISO 8601 UTC with microseconds, the precision predictions files keep.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteField(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
