#:project ../src/Clickcast/Clickcast.csproj
#:project Clickcast.Bench/Clickcast.Bench.csproj

// Control-plane reads that grow with history: the data health call (the whole ingest ledger) and the per-task
// delivery history behind the Prometheus gauges (the whole delivery ledger), on a generated history in a local store.
//
//   bench/run.sh ledgers [--records 100000] [--exports 365] [--batches 100] [--runs 3] [--work DIR] [--keep]
//
// The ingest ledger gets --records source files (one landed every 5 minutes: 100,000 is about a year; 1% quarantined),
// each with one output, per-day counts, drop reasons and bad-row samples as real ingests write them; the delivery
// ledger --exports exports of --batches batches each. Then, per read, the median of --runs of:
//   full     what every call did before: list and read every record, then sum (IngestLedger.ListAsync +
//            IngestHealthSummary; the former DeliveryHistory loop, kept below as FullDeliveryRead)
//   first    the first call of a fresh Ingestor / DeliveryHistory (reads every record, keeps the slim copies)
//   again    the next call, nothing changed (lists, reads nothing)
//   changed  the next call after one more file landed / one more export of --batches batches was delivered
// CPU is this process's user+sys time over the call; allocated is GC.GetTotalAllocatedBytes(precise) over it.
using System.Diagnostics;
using System.Globalization;
using Clickcast.Bench;
using Clickcast.Events;
using Clickcast.Export;
using Clickcast.Ingestion;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;

var options = new BenchArguments(args);
var records = options.Number("--records", 100_000);
var exports = options.Number("--exports", 365);
var batches = options.Number("--batches", 100);
var runs = options.Number("--runs", 3);
var work = Path.GetFullPath(options.Text("--work", Path.Combine(Path.GetTempPath(), "clickcast-bench-ledgers")));
const string Tenant = "acme", TaskId = "buy-7d";
var start = new DateTimeOffset(2025, 12, 3, 0, 0, 0, TimeSpan.Zero);
var today = DateOnly.FromDateTime(start.AddMinutes(5 * records).UtcDateTime);
var store = new LocalObjectStore(work);
var ledger = new IngestLedger(store);
var deliveries = new ObjectStoreDeliveryLedger(store);

var generate = Stopwatch.StartNew();
if (await ledger.ListObjectsAsync(Tenant).CountAsync() != records)
{
    await Parallel.ForAsync(0, records, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        await ledger.SaveAsync(Tenant, Record(i), ct));
    await Parallel.ForAsync(0, exports, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (e, ct) => await SaveExportAsync(e, ct));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history: {records:N0} ingest ledger records, {exports:N0} exports × {batches} batches ({generate.Elapsed.TotalSeconds:F0} s to generate or find); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
Console.WriteLine("| read | call | wall ms | CPU ms | allocated MB | objects read |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");

var health = new List<Measure>();
for (var r = 0; r < runs; r++)
{
    health.Add(await MeasureAsync(async () => IngestHealthSummary.Summarize(await ledger.ListAsync(Tenant).ToListAsync(), today, 30, 100)));
}

Print("health", "full (before)", health, records);
IngestHealth? full = null, cached = null;
var first = new List<Measure>();
var again = new List<Measure>();
var changed = new List<Measure>();
for (var r = 0; r < runs; r++)
{
    var ingestor = new Ingestor(store, TimeProvider.System, NullLogger<Ingestor>.Instance);
    first.Add(await MeasureAsync(() => ingestor.ReadHealthAsync(Tenant, today, 30, 100)));

    again.Add(await MeasureAsync(() => ingestor.ReadHealthAsync(Tenant, today, 30, 100)));
    await ledger.SaveAsync(Tenant, Record(records + r), CancellationToken.None);
    changed.Add(await MeasureAsync(async () => cached = await ingestor.ReadHealthAsync(Tenant, today, 30, 100)));
    full = IngestHealthSummary.Summarize(await ledger.ListAsync(Tenant).ToListAsync(), today, 30, 100);
    GC.KeepAlive(ingestor);
}

Print("health", "first (after)", first, records);
Print("health", "again (after)", again, 0);
Print("health", "one file landed (after)", changed, 1);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"health: same answer as the full read: {System.Text.Json.JsonSerializer.Serialize(full, ClickcastJson.Options) == System.Text.Json.JsonSerializer.Serialize(cached, ClickcastJson.Options)}"));

var deliveryFull = new List<Measure>();
for (var r = 0; r < runs; r++)
{
    deliveryFull.Add(await MeasureAsync(() => FullDeliveryReadAsync(store, Tenant, TaskId)));
}

Print("deliveries", "full (before)", deliveryFull, exports * batches);
first.Clear();
again.Clear();
changed.Clear();
for (var r = 0; r < runs; r++)
{
    var history = new DeliveryHistory(store);
    first.Add(await MeasureAsync(() => history.ListAsync(Tenant, TaskId)));

    again.Add(await MeasureAsync(() => history.ListAsync(Tenant, TaskId)));
    await SaveExportAsync(exports + r, CancellationToken.None);
    IReadOnlyList<DeliverySummary> latest = [];
    changed.Add(await MeasureAsync(async () => latest = await history.ListAsync(Tenant, TaskId)));
    var same = (await FullDeliveryReadAsync(store, Tenant, TaskId)).SequenceEqual(latest);
    if (!same)
    {
        Console.WriteLine("deliveries: the cached answer differs from the full read");
        return 1;
    }

    GC.KeepAlive(history);
}

Print("deliveries", "first (after)", first, exports * batches);
Print("deliveries", "again (after)", again, 0);
Print("deliveries", "one export delivered (after)", changed, batches);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deliveries: same answer as the full read: True"));
if (!args.Contains("--keep"))
{
    Directory.Delete(work, recursive: true);
}

return 0;

IngestLedgerRecord Record(int i)
{
    var at = start.AddMinutes(5 * i);
    var key = $"raw/date={at:yyyy-MM-dd}/{at:HHmm}-{i}.avro";
    var day = DateOnly.FromDateTime(at.UtcDateTime);
    var micros = EventFile.ToMicros(at.UtcDateTime);
    var report = i % 100 == 42
        ? new FileIngestReport { Key = key, Status = IngestStatus.Quarantined, Bytes = 180_000, RowsRead = 900, Error = "timestamp column missing", QuarantineKey = "quarantine/" + key, StartedAt = at, Duration = TimeSpan.FromSeconds(1) }
        : new FileIngestReport
        {
            Key = key,
            Status = IngestStatus.Ingested,
            Format = SourceFormat.Avro,
            ContentSha256 = i.ToString("x64", CultureInfo.InvariantCulture),
            Bytes = 2_000_000,
            RowsRead = 10_200,
            RowsKept = 10_000,
            Dropped = new Dictionary<DropReason, long> { [DropReason.Bot] = 150, [DropReason.StaticAsset] = 40, [DropReason.MissingUrl] = 10 },
            BadRowSamples = [new BadRowSample(17, DropReason.MissingUrl), new BadRowSample(230, DropReason.MissingUrl)],
            Outputs = [$"tenants/{Tenant}/events/date={day:yyyy-MM-dd}/{i:x8}.parquet"],
            FirstEventMicros = micros - 300_000_000,
            LastEventMicros = micros,
            KeptPerDay = [new DayCount(day, 10_000)],
            StartedAt = at,
            Duration = TimeSpan.FromSeconds(3),
        };
    return new IngestLedgerRecord(key, [new IngestLedgerVersion(i.ToString("x64", CultureInfo.InvariantCulture), ["\"" + i.ToString("x32", CultureInfo.InvariantCulture) + "\""], report.Bytes, report, "v1")]);
}

async Task SaveExportAsync(int e, CancellationToken ct)
{
    var scope = new ExportScope(Tenant, TaskId, $"run-{e:D6}", "crm");
    for (var b = 0; b < batches; b++)
    {
        var at = start.AddDays(e).AddSeconds(b);
        await deliveries.SaveAsync(scope, new BatchDelivery(b, scope.BatchId(1000, b), b * 1000L, 1000, 1000, new string('a', 64), DeliveryStatus.Delivered, 1, at, at), ct);
    }
}

// The delivery history's read before it kept summaries between calls: every batch of every export, every call.
static async Task<List<DeliverySummary>> FullDeliveryReadAsync(IObjectStore store, string tenant, string task)
{
    var prefix = TenantLayout.TaskLedger(tenant, task) + "exports/";
    var groups = new Dictionary<(string Destination, string File), List<BatchDelivery>>();
    await foreach (var item in store.ListAsync(prefix))
    {
        var parts = item.Key[prefix.Length..].Split('/');
        if (parts.Length != 3 || await store.TryReadJsonAsync<BatchDelivery>(item.Key, ClickcastJson.Options) is not { } batch)
        {
            continue;
        }

        if (!groups.TryGetValue((parts[0], parts[1]), out var list))
        {
            groups[(parts[0], parts[1])] = list = [];
        }

        list.Add(batch);
    }

    return [.. groups.Select(g => DeliveryHistory.Summarize(g.Key.Destination, g.Key.File, g.Value))
        .OrderByDescending(d => d.LastAttemptAt).ThenBy(d => d.Destination, StringComparer.Ordinal)];
}

static async Task<Measure> MeasureAsync<T>(Func<Task<T>> call)
{
    GC.Collect();
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    await call();
    var wall = clock.Elapsed;
    process.Refresh();
    return new Measure(wall, process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
}

static void Print(string read, string call, List<Measure> measures, int objects)
{
    var m = measures.OrderBy(x => x.Cpu).ElementAt(measures.Count / 2);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {read} | {call} | {m.Wall.TotalMilliseconds:F0} | {m.Cpu.TotalMilliseconds:F0} | {m.Allocated / 1e6:F1} | {objects:N0} |"));
}

internal readonly record struct Measure(TimeSpan Wall, TimeSpan Cpu, long Allocated);
