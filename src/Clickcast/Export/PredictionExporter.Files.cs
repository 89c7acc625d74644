using System.Text.Json;
using Clickcast.Diagnostics;
using Clickcast.Scoring;
using Clickcast.Storage;

namespace Clickcast.Export;

public sealed partial class PredictionExporter
{
    private static readonly JsonWriterOptions JsonLinesWriterOptions = new() { Indented = false, SkipValidation = true };

    /// <summary>
    /// Writes the file copies: one object per format under deterministic keys, so a re-run (or a run after a crash)
    /// overwrites the same objects instead of adding copies. The whole file is one batch in the ledger.
    /// </summary>
    private async Task<DestinationReport> ExportFilesAsync(
        ExportScope scope,
        ExportDestinationOptions destination,
        SourceFile source,
        IReadOnlyList<BatchDelivery> records,
        CancellationToken cancellationToken)
    {
        var batchId = scope.BatchId(0, 0);
        var record = records.FirstOrDefault(r => r.Index == 0);
        if (record?.Status == DeliveryStatus.Delivered)
        {
            return new DestinationReport(destination.Name, destination.Kind, 1, 0, 1, [], source.Rows, 0, []);
        }

        var attempt = new BatchDelivery(0, batchId, 0, checked((int)source.Rows), 0, source.Sha256, DeliveryStatus.Sending, (record?.Attempts ?? 0) + 1, _time.GetUtcNow(), LastError: record?.LastError);
        await _ledger.SaveAsync(scope, attempt, cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteFilesAsync(scope, destination, source, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Store errors name keys and paths: the operator's log has them, the tenant a fixed text.
            var error = "could not write the export files (the server log has the details)";
            Log.BatchFailedDetail(_logger, destination.Name, 0, batchId, ex);
            await _ledger.SaveAsync(scope, attempt with { Status = DeliveryStatus.Failed, LastError = error }, cancellationToken).ConfigureAwait(false);
            Log.BatchFailed(_logger, destination.Name, 0, batchId, attempt.Attempts, error);
            ClickcastMetrics.ExportFailures.Add(1, new KeyValuePair<string, object?>("kind", destination.Kind.ToString()), ClickcastMetrics.Tenant(scope.Tenant), ClickcastMetrics.Task(scope.Task));
            return new DestinationReport(destination.Name, destination.Kind, 1, 0, 0, [new PendingBatch(0, batchId, attempt.Rows, attempt.Attempts, error)], source.Rows, 0, [error]);
        }

        await _ledger.SaveAsync(scope, attempt with { Status = DeliveryStatus.Delivered, DeliveredAt = _time.GetUtcNow(), LastError = null }, CancellationToken.None).ConfigureAwait(false);
        Log.BatchDelivered(_logger, destination.Name, 0, 1, batchId, attempt.Rows);
        ClickcastMetrics.ExportDelivered.Add(1, new KeyValuePair<string, object?>("kind", destination.Kind.ToString()), ClickcastMetrics.Tenant(scope.Tenant), ClickcastMetrics.Task(scope.Task));
        return new DestinationReport(destination.Name, destination.Kind, 1, 1, 0, [], source.Rows, source.Rows, []);
    }

    private async Task WriteFilesAsync(ExportScope scope, ExportDestinationOptions destination, SourceFile source, CancellationToken cancellationToken)
    {
        var formats = destination.Files.Formats;
        if (formats.HasFlag(ExportFileFormats.Parquet))
        {
            if (source.Rejected == 0)
            {
                await _store.PutFileAsync(scope.FileKey(".parquet"), source.Path, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The copy must hold what the other formats hold, not the rows that were refused.
                var parquet = TempFile();
                try
                {
                    await using (var writer = await PredictionFileWriter.CreateAsync(parquet, _compaction, cancellationToken).ConfigureAwait(false))
                    {
                        await foreach (var row in ReadRowsAsync(source, cancellationToken).ConfigureAwait(false))
                        {
                            await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    await _store.PutFileAsync(scope.FileKey(".parquet"), parquet, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    File.Delete(parquet);
                }
            }
        }

        var csv = formats.HasFlag(ExportFileFormats.Csv) ? TempFile() : null;
        var jsonl = formats.HasFlag(ExportFileFormats.JsonLines) ? TempFile() : null;
        if (csv is null && jsonl is null)
        {
            return;
        }

        try
        {
            await using (var csvWriter = csv is null ? null : new StreamWriter(csv, append: false, PredictionCsv.Utf8, 1 << 16))
            await using (var jsonStream = jsonl is null ? null : new FileStream(jsonl, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await using var json = jsonStream is null ? null : new Utf8JsonWriter(jsonStream, JsonLinesWriterOptions);
                if (csvWriter is not null)
                {
                    PredictionCsv.WriteHeader(csvWriter);
                }

                await foreach (var row in ReadRowsAsync(source, cancellationToken).ConfigureAwait(false))
                {
                    if (csvWriter is not null)
                    {
                        PredictionCsv.WriteRow(csvWriter, row, destination.EscapeCsvFormulas);
                    }

                    if (json is not null)
                    {
                        PredictionJson.WriteRow(json, row, withScope: true);
                        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                        jsonStream!.WriteByte((byte)'\n');
                        json.Reset();
                    }
                }
            }

            if (csv is not null)
            {
                await _store.PutFileAsync(scope.FileKey(".csv"), csv, cancellationToken).ConfigureAwait(false);
            }

            if (jsonl is not null)
            {
                await _store.PutFileAsync(scope.FileKey(".jsonl"), jsonl, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (csv is not null)
            {
                File.Delete(csv);
            }

            if (jsonl is not null)
            {
                File.Delete(jsonl);
            }
        }
    }

    private static string TempFile() => ScratchSpace.Process.NewPath("export");
}
