using Clickcast.Events;

namespace Clickcast.Ingestion.Sources.Text;

/// <summary>Builds a <see cref="SourceRecord"/> from decoded fields, with the per-row checks all text formats share.</summary>
internal static class TextRecords
{
    /// <summary>Builds a record from a text timestamp.</summary>
    public static SourceRecord Build(
        long row,
        string? clientId,
        string? timestamp,
        string? url,
        string? eventType,
        string? referrer,
        string? userAgent,
        SourceReadContext context)
    {
        var timeProblem = ParseTime(timestamp, context, out var micros);
        return Build(row, clientId, timeProblem, micros, url, eventType, referrer, userAgent, context);
    }

    /// <summary>Builds a record from a timestamp the reader already parsed (or failed to: <paramref name="timeProblem"/>).</summary>
    public static SourceRecord Build(
        long row,
        string? clientId,
        DropReason timeProblem,
        long micros,
        string? url,
        string? eventType,
        string? referrer,
        string? userAgent,
        SourceReadContext context)
    {
        clientId = clientId?.Trim();
        if (string.IsNullOrEmpty(clientId))
        {
            return SourceRecord.Dropped(row, DropReason.MissingClientId);
        }

        if (clientId.Length > context.Limits.MaxClientIdLength)
        {
            return SourceRecord.Dropped(row, DropReason.ClientIdTooLong);
        }

        if (timeProblem != DropReason.None)
        {
            return SourceRecord.Dropped(row, timeProblem);
        }

        if (string.IsNullOrWhiteSpace(url))
        {
            return SourceRecord.Dropped(row, DropReason.MissingUrl);
        }

        return new SourceRecord(row, clientId, micros, url, eventType, referrer, userAgent, DropReason.None);
    }

    /// <summary>Parses a text timestamp; returns the problem, or <see cref="DropReason.None"/>.</summary>
    public static DropReason ParseTime(string? timestamp, SourceReadContext context, out long micros)
    {
        micros = 0;
        if (string.IsNullOrWhiteSpace(timestamp))
        {
            return DropReason.MissingTimestamp;
        }

        return context.Timestamps.TryParse(timestamp, out micros) ? DropReason.None : DropReason.InvalidTimestamp;
    }
}
