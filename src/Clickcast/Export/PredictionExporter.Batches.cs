using Clickcast.Diagnostics;
using Clickcast.Scoring;

namespace Clickcast.Export;

public sealed partial class PredictionExporter
{
    /// <summary>
    /// Sends the batches of one HTTP destination in order. Each attempt is recorded before it starts and its outcome
    /// after; a delivered batch is recorded even when the export is being cancelled, so a stop never forgets a
    /// delivery it knows of. The first batch that fails past the resilience budget stops the destination: the
    /// endpoint is down, and hammering it with the rest would not help.
    /// </summary>
    private async Task<DestinationReport> DeliverBatchesAsync(
        ExportScope scope,
        ExportDestinationOptions destination,
        SourceFile source,
        IReadOnlyList<BatchDelivery> records,
        CancellationToken cancellationToken)
    {
        var configured = destination.BatchSize ?? _options.BatchSize;
        var batchSize = records.Count > 0 ? records[0].BatchSize : configured;
        if (batchSize != configured)
        {
            Log.BatchSizeKept(_logger, destination.Name, batchSize, configured);
        }

        var known = records.ToDictionary(r => r.Index);
        var batchCount = checked((int)((source.Rows + batchSize - 1) / batchSize));
        var attribute = destination.Attribute.Length > 0 ? destination.Attribute : scope.Task;
        var sender = CreateSender(destination);
        var pending = new List<PendingBatch>();
        var errors = new List<string>();
        int deliveredNow = 0, alreadyDelivered = 0;
        long rowsNow = 0;
        string? stoppedBy = null;

        var index = 0;
        var rows = new List<Prediction>(batchSize);
        await foreach (var row in ReadRowsAsync(source, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count == batchSize)
            {
                await DeliverOneAsync().ConfigureAwait(false);
                rows = new List<Prediction>(batchSize);
            }
        }

        if (rows.Count > 0)
        {
            await DeliverOneAsync().ConfigureAwait(false);
        }

        return new DestinationReport(destination.Name, destination.Kind, batchCount, deliveredNow, alreadyDelivered, pending, source.Rows, rowsNow, errors);

        async Task DeliverOneAsync()
        {
            var batchIndex = index++;
            var batchId = scope.BatchId(batchSize, batchIndex);
            known.TryGetValue(batchIndex, out var record);
            if (record?.Status == DeliveryStatus.Delivered)
            {
                alreadyDelivered++;
                return;
            }

            if (stoppedBy is not null)
            {
                pending.Add(new PendingBatch(batchIndex, batchId, rows.Count, record?.Attempts ?? 0, record?.LastError));
                return;
            }

            var attempt = new BatchDelivery(
                batchIndex,
                batchId,
                (long)batchIndex * batchSize,
                rows.Count,
                batchSize,
                source.Sha256,
                DeliveryStatus.Sending,
                (record?.Attempts ?? 0) + 1,
                _time.GetUtcNow(),
                LastError: record?.LastError);
            await _ledger.SaveAsync(scope, attempt, cancellationToken).ConfigureAwait(false);
            try
            {
                var batch = new ExportBatch(scope, batchId, batchIndex, batchCount, attempt.FirstRow, attribute, rows);
                await sender.SendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var error = DeliveryFailure.Describe(ex);
                Log.BatchFailedDetail(_logger, destination.Name, batchIndex, batchId, ex);
                await _ledger.SaveAsync(scope, attempt with { Status = DeliveryStatus.Failed, LastError = error }, cancellationToken).ConfigureAwait(false);
                Log.BatchFailed(_logger, destination.Name, batchIndex, batchId, attempt.Attempts, error);
                ClickcastMetrics.ExportFailures.Add(1, new KeyValuePair<string, object?>("kind", destination.Kind.ToString()), ClickcastMetrics.Tenant(scope.Tenant), ClickcastMetrics.Task(scope.Task));
                pending.Add(new PendingBatch(batchIndex, batchId, rows.Count, attempt.Attempts, error));
                errors.Add($"Batch {batchIndex} failed after {attempt.Attempts} attempt(s): {error}");
                stoppedBy = error;
                return;
            }

            Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.ExportAfterSend);
            var delivered = attempt with { Status = DeliveryStatus.Delivered, DeliveredAt = _time.GetUtcNow(), LastError = null };
            await _ledger.SaveAsync(scope, delivered, CancellationToken.None).ConfigureAwait(false);
            deliveredNow++;
            ClickcastMetrics.ExportDelivered.Add(1, new KeyValuePair<string, object?>("kind", destination.Kind.ToString()), ClickcastMetrics.Tenant(scope.Tenant), ClickcastMetrics.Task(scope.Task));
            rowsNow += rows.Count;
            Log.BatchDelivered(_logger, destination.Name, batchIndex, batchCount, batchId, rows.Count);
        }
    }

    private IBatchSender CreateSender(ExportDestinationOptions destination) => destination.Kind switch
    {
        ExportDestinationKind.Webhook => new WebhookSender(_httpClients.CreateClient(ExportHttpClients.Webhook), destination.Webhook),
        ExportDestinationKind.CleverDataJoin => new JoinSender(_httpClients.CreateClient(ExportHttpClients.Join), destination.Join, destination.EscapeCsvFormulas),
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination.Kind, "Not an HTTP destination kind."),
    };
}
