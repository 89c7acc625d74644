using System.Globalization;
using System.Text;
using Clickcast.Scoring;

namespace Clickcast.Export;

/// <summary>
/// The CSV form of predictions (file exports and Join uploads): RFC 4180, UTF-8 without BOM, '\n' line ends, a
/// header row with the Parquet column names, numbers in invariant culture with round-trip precision, booleans as
/// <c>true</c>/<c>false</c>, <c>scored_at</c> as ISO 8601 UTC with microseconds. Text fields come from the
/// clickstream (client ids above all), so by default one that a spreadsheet would run as a formula — starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab, CR or LF — gets a leading <c>'</c> (OWASP's CSV injection defence).
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

    /// <summary>Writes one row; <paramref name="escapeFormulas"/> neutralises text fields a spreadsheet would run as formulas.</summary>
    public static void WriteRow(TextWriter writer, in Prediction row, bool escapeFormulas = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteField(writer, row.Tenant, escapeFormulas);
        writer.Write(',');
        WriteField(writer, row.Task, escapeFormulas);
        writer.Write(',');
        WriteField(writer, row.ClientId, escapeFormulas);
        writer.Write(',');
        writer.Write(row.Probability.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(',');
        writer.Write(row.Percentile.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(',');
        WriteField(writer, row.Bucket, escapeFormulas);
        writer.Write(',');
        writer.Write(row.AboveThreshold ? "true" : "false");
        writer.Write(',');
        writer.Write(row.ModelVersion.ToString(CultureInfo.InvariantCulture));
        writer.Write(',');
        writer.Write(FormatTime(row.ScoredAt));
        writer.Write('\n');
    }

    /// <summary>The whole CSV of <paramref name="rows"/>, header first.</summary>
    public static byte[] ToBytes(IReadOnlyList<Prediction> rows, bool escapeFormulas = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8, leaveOpen: true))
        {
            WriteHeader(writer);
            foreach (var row in rows)
            {
                WriteRow(writer, row, escapeFormulas);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>ISO 8601 UTC with microseconds, the precision predictions files keep.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether a spreadsheet would take <paramref name="value"/> for a formula (OWASP's list of first characters).</summary>
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    private static void WriteField(TextWriter writer, string value, bool escapeFormulas)
    {
        if (escapeFormulas && LooksLikeFormula(value))
        {
            value = "'" + value;
        }

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
