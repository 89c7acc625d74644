using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clickcast.Events;
using Clickcast.Export;
using Clickcast.IntegrationTests.Support;
using Clickcast.Scoring;
using Clickcast.Sequences;
using Clickcast.Storage;

namespace Clickcast.IntegrationTests.Pipeline;

/// <summary>
/// What a pipeline run leaves in a deployment, in a form two runs can be compared by: every list is sorted and keeps
/// out what differs by nature between runs (times, run ids, generation numbers that count the updates made).
/// </summary>
/// <param name="Events">Every row of every events Parquet file: a multiset, sorted.</param>
/// <param name="Sequences">Every client's chain: urls, timestamps, event count.</param>
/// <param name="Models">The registry: version, status, family, AUCs, events trained on.</param>
/// <param name="Predictions">The current predictions: client, probability (round-trip), percentile, bucket, model version.</param>
/// <param name="ExportFiles">The Files destination's objects, the predictions file id replaced by <c>*</c>.</param>
/// <param name="ExportRows">The rows of the exported CSV and JSON lines files, without <c>scored_at</c>.</param>
/// <param name="Deliveries">The delivery ledger per destination: batches, delivered, failed, sending, rows.</param>
/// <param name="IngestLedger">Per raw file, the content versions its ingest ledger recorded.</param>
internal sealed record PipelineSnapshot(
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Sequences,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Predictions,
    IReadOnlyList<string> ExportFiles,
    IReadOnlyList<string> ExportRows,
    IReadOnlyList<string> Deliveries,
    IReadOnlyList<string> IngestLedger)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<PipelineSnapshot> ReadAsync(WorkerCluster cluster, string tenant, string task)
    {
        var store = cluster.Store;
        var events = new List<string>();
        foreach (var key in await KeysAsync(store, TenantLayout.Events(tenant), ".parquet"))
        {
            using var copy = await store.GetLocalCopyAsync(key, Token);
            await foreach (var batch in EventFileReader.ReadAsync(copy.Path, Token))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    events.Add(batch[i].ToString());
                }
            }
        }

        var sequences = new List<string>();
        await foreach (var sequence in new SequenceStore(store).ReadAllAsync(tenant, Token))
        {
            sequences.Add($"{sequence.ClientId}:{string.Join(' ', sequence.Urls)}:{string.Join(' ', sequence.TimestampsMicros)}:{sequence.EventCount}");
        }

        var predictions = new List<string>();
        var state = await new Scorer(store, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Scorer>.Instance).GetStateAsync(tenant, task, Token);
        var shards = state?.Shards;
        await foreach (var p in PredictionParts.ReadAsync(store, PredictionParts.CurrentKeys(tenant, task, shards), Token))
        {
            predictions.Add(string.Create(CultureInfo.InvariantCulture, $"{p.ClientId}|{p.Probability:R}|{p.Percentile:R}|{p.Bucket}|{p.AboveThreshold}|v{p.ModelVersion}"));
        }

        predictions.Sort(StringComparer.Ordinal);

        var (files, rows) = await ExportsAsync(store, tenant, task);
        var deliveries = (await new DeliveryHistory(store).ListAsync(tenant, task, Token))
            .Select(d => $"{d.Destination}: {d.Batches} batch(es), {d.Delivered} delivered, {d.Failed} failed, {d.Sending} sending, {d.Rows} rows")
            .ToList();

        var ledger = new List<string>();
        foreach (var key in await KeysAsync(store, TenantLayout.Ledger(tenant) + "ingest/", ".json"))
        {
            var record = JsonNode.Parse(await store.ReadAllBytesAsync(key, Token))!;
            ledger.Add($"{record["key"]}: {record["versions"]!.AsArray().Count} version(s)");
        }

        var models = await ModelsAsync(cluster, tenant, task);
        return new PipelineSnapshot(Sorted(events), sequences, models, Sorted(predictions), Sorted(files), Sorted(rows), Sorted(deliveries), Sorted(ledger));
    }

    private static async Task<List<string>> ModelsAsync(WorkerCluster cluster, string tenant, string task)
    {
        var output = await cluster.OperatorAsync("models", "list", "--tenant", tenant, "--task", task, "--json");
        var models = new List<string>();
        foreach (var model in JsonDocument.Parse(output[output.IndexOf('[', StringComparison.Ordinal)..]).RootElement.EnumerateArray())
        {
            models.Add(string.Join('|', new[] { "version", "status", "family", "validationAuc", "testAuc", "championAucOnSameTest", "dataEvents", "decision" }
                .Select(name => model.TryGetProperty(name, out var value) ? value.ToString() : "-")));
        }

        return models;
    }

    private static async Task<(List<string> Files, List<string> Rows)> ExportsAsync(IObjectStore store, string tenant, string task)
    {
        var prefix = TenantLayout.Exports(tenant, task);
        var files = new List<string>();
        var rows = new List<string>();
        foreach (var key in await KeysAsync(store, prefix, string.Empty))
        {
            var name = key[prefix.Length..];
            var extension = Path.GetExtension(name);
            files.Add(name[..(name.LastIndexOf('/') + 1)] + "*" + extension);
            if (extension is ".csv" or ".jsonl")
            {
                foreach (var line in Encoding.UTF8.GetString(await store.ReadAllBytesAsync(key, Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    rows.Add(extension + " " + WithoutScoredAt(line, extension));
                }
            }
        }

        return (files, rows);
    }

    private static string WithoutScoredAt(string line, string extension)
    {
        if (extension == ".csv")
        {
            // scored_at is the last column (PredictionCsv.Header).
            return line.TrimEnd('\r')[..line.LastIndexOf(',')];
        }

        var row = JsonNode.Parse(line)!.AsObject();
        row.Remove("scored_at");
        return row.ToJsonString();
    }

    private static async Task<List<string>> KeysAsync(IObjectStore store, string prefix, string extension)
    {
        var keys = new List<string>();
        await foreach (var item in store.ListAsync(prefix, cancellationToken: Token))
        {
            if (item.Key.EndsWith(extension, StringComparison.Ordinal))
            {
                keys.Add(item.Key);
            }
        }

        return keys;
    }

    private static List<string> Sorted(List<string> items)
    {
        items.Sort(StringComparer.Ordinal);
        return items;
    }
}
