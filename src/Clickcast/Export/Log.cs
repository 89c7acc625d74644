using Microsoft.Extensions.Logging;

namespace Clickcast.Export;

/// <summary>What export tells an operator. Destination names and batch ids only: never a URL's secrets, a token or a signature.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Exporting {Key} of {Tenant}/{Task}: {Rows} row(s) to {Destinations} destination(s)")]
    public static partial void ExportStarted(ILogger logger, string key, string tenant, string task, long rows, int destinations);

    [LoggerMessage(5002, LogLevel.Warning, "Skipped {Rows} row(s) of {Key} that are not exportable (another tenant or task, no client id, or a non-finite score)")]
    public static partial void RowsRejected(ILogger logger, string key, long rows);

    [LoggerMessage(5003, LogLevel.Debug, "Delivered batch {Index} of {Count} ({BatchId}, {Rows} rows) to {Destination}")]
    public static partial void BatchDelivered(ILogger logger, string destination, int index, int count, string batchId, int rows);

    [LoggerMessage(5004, LogLevel.Warning, "Batch {Index} ({BatchId}) to {Destination} failed on attempt {Attempt}; it and the batches after it stay pending: {Error}")]
    public static partial void BatchFailed(ILogger logger, string destination, int index, string batchId, int attempt, string error);

    [LoggerMessage(5005, LogLevel.Information, "Destination {Destination}: {DeliveredNow} batch(es) delivered now, {AlreadyDelivered} before, {Pending} pending, of {Total}")]
    public static partial void DestinationFinished(ILogger logger, string destination, int deliveredNow, int alreadyDelivered, int pending, int total);

    [LoggerMessage(5006, LogLevel.Error, "Destination {Destination} failed")]
    public static partial void DestinationFailed(ILogger logger, string destination, Exception exception);

    [LoggerMessage(5007, LogLevel.Error, "Destination {Destination} is misconfigured: {Problems}")]
    public static partial void DestinationInvalid(ILogger logger, string destination, string problems);

    [LoggerMessage(5008, LogLevel.Error, "Destination {Destination}: {Key} changed since this export began (batch {Index} was cut from other content); nothing sent")]
    public static partial void SourceChanged(ILogger logger, string destination, string key, int index);

    [LoggerMessage(5009, LogLevel.Information, "Destination {Destination} keeps batch size {Recorded} of its earlier run instead of {Configured}, so batch ids stay stable")]
    public static partial void BatchSizeKept(ILogger logger, string destination, int recorded, int configured);

    [LoggerMessage(5010, LogLevel.Information, "Export of {Key} finished: {Status}, {Pending} batch(es) pending, in {Duration}")]
    public static partial void ExportFinished(ILogger logger, string key, string status, int pending, TimeSpan duration);

    [LoggerMessage(8100, LogLevel.Warning, "Batch {Index} ({BatchId}) to {Destination} failed; the tenant sees only the failure's category")]
    public static partial void BatchFailedDetail(ILogger logger, string destination, int index, string batchId, Exception exception);
}
