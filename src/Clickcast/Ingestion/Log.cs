using Microsoft.Extensions.Logging;

namespace Clickcast.Ingestion;

/// <summary>What ingest tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Ingested {Key}: {RowsKept} of {RowsRead} rows kept into {Outputs} events file(s) in {Duration}")]
    public static partial void FileIngested(ILogger logger, string key, long rowsKept, long rowsRead, int outputs, TimeSpan duration);

    [LoggerMessage(1002, LogLevel.Debug, "Skipped {Key}: this content was ingested before")]
    public static partial void FileAlreadyIngested(ILogger logger, string key);

    [LoggerMessage(1003, LogLevel.Warning, "Quarantined {Key}: {Reason}")]
    public static partial void FileQuarantined(ILogger logger, string key, string reason);

    [LoggerMessage(1004, LogLevel.Information, "Ingest of tenant {Tenant}: {Ingested} file(s) ingested, {Skipped} already ingested, {Quarantined} quarantined, {RowsKept} events kept, in {Duration}")]
    public static partial void RunFinished(ILogger logger, string tenant, int ingested, int skipped, int quarantined, long rowsKept, TimeSpan duration);

    [LoggerMessage(8300, LogLevel.Debug, "Wrote the events of {Key} into {Files} file(s), at most {PeakOpen} open at once, buffers peaking at {PeakBufferedEvents} events, {HeapCollections} heap collection(s)")]
    public static partial void EventFilesWritten(ILogger logger, string key, int files, int peakOpen, long peakBufferedEvents, int heapCollections);

    [LoggerMessage(8500, LogLevel.Warning, "Skipped {Key}: the same bytes were ingested before as {Original}")]
    public static partial void DuplicateContentSkipped(ILogger logger, string key, string original);

    [LoggerMessage(8501, LogLevel.Information, "Ingesting {Key} again (ingest settings changed, or redo {Redo}); its earlier events are replaced")]
    public static partial void FileReingested(ILogger logger, string key, IngestRedo redo);
}
