#:project ../src/Clickcast/Clickcast.csproj
#:project Clickcast.Bench/Clickcast.Bench.csproj

// Data-plane benchmark: ingest (Avro -> normalized Parquet) and sequence build at several sizes, each stage in its
// own process so its peak RSS is its own, with independent peers run on the same files in the same command:
// Avro decode by npm avsc, and the per-client chain query in DuckDB (npm @duckdb/node-api).
//
//   bench/run.sh data-plane [--sizes 1M,10M,20M] [--runs 3] [--shards N] [--compact] [--work /tmp/clickcast-bench] [--ingest-only] [--build-output] [--write]
//
// The CLI timed is the one operators run: `dotnet publish src/Clickcast.Cli -c Release -r RID --self-contained false`
// into WORK/cli (as the Docker image and deploy/'s units do; start-up assemblies precompiled ReadyToRun). With
// --build-output it is the plain `dotnet build` output instead, which JIT-compiles all of its start-up (the figures in
// docs/benchmarks.md before 2026-12-04 23:00 UTC timed that one).
//
// With --shards N the tenant has N client-hash shards and its events are stored per shard
// (events/date=D/shard=SofN/…): ingest writes that layout for a sharded tenant; files ingested unsharded are split by
// ClientShard after ingest (not timed), so `clickcast sequences` builds shard by shard.
//
// --compact: the tenant's events are partitioned by month ("ingest": {"period": "Month"}), so the daily source files
// pile up in one folder per shard as a busy tenant's do; `clickcast compact --all` then merges them (timed apart, in
// its own column) and the sequence build, DuckDB and the incremental day read the compacted layout.
//
// --ingest-only times ingest and the avsc peer alone (no sequence build, DuckDB or incremental day): for iterating
// on ingest; it never writes docs/benchmarks.md.
//
// Figures are medians over runs; wall time, CPU time (user + system) and peak RSS come from GNU time. Throughput is
// input rows (events in the Avro files) per second of wall time. CPU time is printed for ingest, avsc, the sequence build
// and DuckDB with its ratio: on a loaded machine wall times stretch with the load, CPU time much less.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Clickcast.Bench;

var options = new BenchArguments(args);
var repo = Repository.Root;
var sizes = options.Text("--sizes", "1M,10M,20M").Split(',').Select(Sizes.Parse).ToArray();
var runs = options.Number("--runs", 3);
var work = Path.GetFullPath(options.Text("--work", Path.Combine(Path.GetTempPath(), "clickcast-bench")));
var ingestOnly = args.Contains("--ingest-only");
var write = args.Contains("--write") && !ingestOnly;
var shards = options.Number("--shards", 1);
var compact = args.Contains("--compact");
var cli = PublishedCli.Resolve(work, args);
var peers = Path.Combine(repo, "bench", "peers");
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"Build first: dotnet build -c Release src/Clickcast.Cli ({cli} is missing)");
    return 2;
}

var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var rows = new List<string[]>();
var notes = new List<string>();
foreach (var size in sizes)
{
    var folder = Path.Combine(work, Sizes.Label(size));
    var generated = Path.Combine(folder, "avro");
    var clients = Math.Max(1, (int)(size / 40));
    if (!Directory.Exists(generated))
    {
        Run("dotnet", [cli, "generate", "--clients", clients.ToString(CultureInfo.InvariantCulture), "--out", generated]);
    }

    var files = Directory.GetFiles(generated, "*.avro").Order(StringComparer.Ordinal).ToArray();
    var avroBytes = files.Sum(f => new FileInfo(f).Length);
    var data = Path.Combine(folder, "store");
    var tenantRoot = Path.Combine(data, "objects", "tenants", "bench");

    Measurement? ingest = null, sequences = null, incremental = null, avsc = null, duckdb = null;
    long events = 0, kept = 0;
    var ingests = new List<Measurement>();
    var builds = new List<Measurement>();
    var increments = new List<Measurement>();
    var decodes = new List<Measurement>();
    var chains = new List<Measurement>();
    var compactions = new List<Measurement>();
    var compactedFiles = "";
    string? duckError = null;
    for (var run = 0; run < runs; run++)
    {
        // Fresh store; raw files hard-linked in, so ingest measures reading, not copying.
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var raw = Path.Combine(tenantRoot, "raw");
        Directory.CreateDirectory(raw);
        if (shards > 1 || compact)
        {
            var definition = Path.Combine(folder, "tenant.json");
            File.WriteAllText(definition, compact
                ? $$"""{ "id": "bench", "shards": {{shards}}, "ingest": { "period": "Month" } }"""
                : $$"""{ "id": "bench", "shards": {{shards}} }""");
            Run("dotnet", [cli, "--data", data, "tenants", "apply", "-f", definition]);
        }

        foreach (var file in files[..^1])
        {
            File.Copy(file, Path.Combine(raw, Path.GetFileName(file)));
        }

        var m = Measure("dotnet", [cli, "--data", data, "ingest", "-t", "bench"]);
        ingests.Add(m);
        (events, kept) = ParseIngest(m.Output);
        await ShardedEvents.SplitAsync(Path.Combine(tenantRoot, "events"), shards);

        // The peers see exactly what we just read: the same Avro files, the same events Parquet.
        decodes.Add(Measure("node", [Path.Combine(peers, "avsc-decode.js"), .. files[..^1]]));
        if (ingestOnly)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: ingest {ingests[^1].Seconds:0.00} s wall, {ingests[^1].CpuSeconds:0.00} s CPU ({Mib(ingests[^1].PeakKib)}); avsc {decodes[^1].Seconds:0.00} s wall, {decodes[^1].CpuSeconds:0.00} s CPU: wall ×{decodes[^1].Seconds / ingests[^1].Seconds:0.00}, CPU ×{decodes[^1].CpuSeconds / ingests[^1].CpuSeconds:0.00}; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            continue;
        }

        if (compact)
        {
            var filesBefore = Directory.GetFiles(Path.Combine(tenantRoot, "events"), "*.parquet", SearchOption.AllDirectories).Length;
            compactions.Add(Measure("dotnet", [cli, "--data", data, "compact", "-t", "bench", "--all"]));
            var filesAfter = Directory.GetFiles(Path.Combine(tenantRoot, "events"), "*.parquet", SearchOption.AllDirectories).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: compaction {compactions[^1].Seconds:0.00} s ({Mib(compactions[^1].PeakKib)}), events files {filesBefore} -> {filesAfter}"));
            compactedFiles = $"{filesBefore} → {filesAfter}";
        }

        builds.Add(Measure("dotnet", [cli, "--data", data, "sequences", "-t", "bench"]));
        var chainOut = Path.Combine(folder, "duckdb-chains.parquet");
        File.Delete(chainOut);
        var chain = Measure("node", [Path.Combine(peers, "duckdb-chains.js"), Path.Combine(tenantRoot, "events", shards > 1 ? "**" : "*", "*.parquet"), chainOut, "2", "8GB"]);
        if (chain.Output.Contains("\"error\"", StringComparison.Ordinal))
        {
            duckError = JsonDocument.Parse(chain.Output.Trim().Split('\n')[^1]).RootElement.GetProperty("error").GetString();
        }
        else
        {
            chains.Add(chain);
        }

        // One more day lands: ingest it, then time the incremental sequence update alone.
        File.Copy(files[^1], Path.Combine(raw, Path.GetFileName(files[^1])));
        Run("dotnet", [cli, "--data", data, "ingest", "-t", "bench"]);
        await ShardedEvents.SplitAsync(Path.Combine(tenantRoot, "events"), shards);
        increments.Add(Measure("dotnet", [cli, "--data", data, "sequences", "-t", "bench"]));
    }

    ingest = Median(ingests);
    avsc = Median(decodes);
    if (ingestOnly)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Sizes.Label(size)}: ingest {Rate(events, ingest.Seconds)} ({ingest.Seconds:0.00} s wall, {ingest.CpuSeconds:0.00} s CPU, {Mib(ingest.PeakKib)}); avsc {Rate(events, avsc.Seconds)} ({avsc.Seconds:0.00} s wall, {avsc.CpuSeconds:0.00} s CPU); ours wall ×{avsc.Seconds / ingest.Seconds:0.00}, CPU ×{avsc.CpuSeconds / ingest.CpuSeconds:0.00}"));
        continue;
    }

    sequences = Median(builds);
    incremental = Median(increments);
    duckdb = chains.Count > 0 ? Median(chains) : null;
    var lastDay = files[^1];
    rows.Add([
        Sizes.Label(size),
        Inv(events),
        Mb(avroBytes),
        $"{Rate(events, ingest.Seconds)} ({ingest.Seconds:0.0} s, {Mib(ingest.PeakKib)})",
        $"{Rate(kept, sequences.Seconds)} ({sequences.Seconds:0.0} s, CPU {sequences.CpuSeconds:0.0} s, {Mib(sequences.PeakKib)})",
        $"{incremental.Seconds:0.0} s ({Mib(incremental.PeakKib)})",
        $"{Rate(events, avsc.Seconds)} ({avsc.Seconds:0.0} s) — ours ×{avsc.Seconds / ingest.Seconds:0.00}",
        duckdb is null ? $"failed: {duckError}" : $"{Rate(kept, duckdb.Seconds)} ({duckdb.Seconds:0.0} s, CPU {duckdb.CpuSeconds:0.0} s, {Mib(duckdb.PeakKib)}) — ours ×{duckdb.Seconds / sequences.Seconds:0.00} (CPU ×{duckdb.CpuSeconds / sequences.CpuSeconds:0.00})",
        .. compact ? [$"{Median(compactions).Seconds:0.0} s ({Mib(Median(compactions).PeakKib)}), files {compactedFiles}"] : Array.Empty<string>(),
    ]);
    Console.WriteLine(string.Join(" | ", rows[^1]));
}

var table = new StringBuilder();
table.AppendLine("| size | events read | Avro size | ingest: events/s (wall, peak RSS) | sequence build: events/s (wall, CPU user+sys, peak RSS) | incremental +1 day | peer: avsc decode only (speed-up of our full ingest) | peer: DuckDB chain query (speed-up of our build: wall, CPU) |" + (compact ? " compaction (wall, peak RSS), events files before → after |" : ""));
table.AppendLine(compact ? "|---|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|---|");
foreach (var row in rows)
{
    table.AppendLine("| " + string.Join(" | ", row) + " |");
}

var section = $"""
    Command: `bench/run.sh data-plane --sizes {options.Text("--sizes", "1M,10M,20M")} --runs {runs}{(shards > 1 ? $" --shards {shards}" : "")}{(compact ? " --compact" : "")}{(cli == Repository.Cli ? " --build-output" : "")} --write` — medians of {runs} runs on {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, load average before the runs {load}.
    The CLI timed: {(cli == Repository.Cli ? "the plain `dotnet build -c Release` output (every method JIT-compiled at its first call)" : "the published one operators run (`dotnet publish src/Clickcast.Cli -c Release -r " + System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier + " --self-contained false`: start-up assemblies ReadyToRun, the hot ones JIT-compiled; decision 0004)")}.
    Each stage runs in its own process (`clickcast ingest`, `clickcast sequences`) under GNU time; peers run on the same files in the
    same command: avsc decodes the same Avro files (decode only: no URL cleaning, no Parquet), DuckDB builds every
    client's time-ordered URL and time lists from the same events Parquet into a Parquet file
    (`list_sort(list(struct_pack(ts, url))) … GROUP BY client_id`, bench/peers/duckdb-chains.js) with 2 threads and an 8 GB memory limit.
    "×" is the peer's wall time over ours (above 1: we are faster); "CPU ×" the same for CPU time (user + sys). All but the last day are ingested and built; the
    incremental column then ingests the last day and times the sequence update alone.{(compact ? " With --compact the events are partitioned by month and `clickcast compact --all` merges each month folder (per shard) after ingest, timed apart; the build, DuckDB and the incremental day read the compacted files." : "")}

    {table}
    """;
Console.WriteLine(section);
if (write)
{
    BenchmarksDocument.Replace((shards > 1 ? "data-plane-sharded" : "data-plane") + (compact ? "-compact" : ""), section);
}

return 0;

static string Inv(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

static string Rate(long items, double seconds) => $"{items / seconds / 1e6:0.00} M/s";

static string Mb(long bytes) => $"{bytes / 1e6:0} MB";

static string Mib(long kib) => $"{kib / 1024.0:0} MiB";

static Measurement Median(List<Measurement> all)
{
    var ordered = all.OrderBy(m => m.Seconds).ToList();
    var middle = ordered[ordered.Count / 2];
    return middle with { PeakKib = all.Select(m => m.PeakKib).Order().ElementAt(all.Count / 2), CpuSeconds = all.Select(m => m.CpuSeconds).Order().ElementAt(all.Count / 2) };
}

static (long Events, long Kept) ParseIngest(string output)
{
    // "... ; 9,141,685 of 9,634,211 rows kept in ..." (possibly wrapped over lines)
    var match = System.Text.RegularExpressions.Regex.Match(string.Join(' ', output.Split('\n').Select(l => l.Trim())), @"([\d,]+) of ([\d,]+)\s+rows\s+kept");
    if (!match.Success)
    {
        throw new InvalidOperationException("No ingest summary in:\n" + output);
    }

    return (long.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
}

static void Run(string file, string[] arguments)
{
    var m = Measure(file, arguments);
    if (m.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed:\n{m.Output}");
    }
}

static Measurement Measure(string file, string[] arguments)
{
    var result = GnuTime.Run(file, arguments);
    if (result.ExitCode != 0)
    {
        Console.Error.WriteLine($"{file} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
    }

    return result;
}

/// <summary>The per-shard event layout, written by splitting unsharded event files (bench setup, not timed).</summary>
internal static class ShardedEvents
{
    public static async Task SplitAsync(string eventsFolder, int shards)
    {
        if (shards == 1)
        {
            return;
        }

        foreach (var file in Directory.GetFiles(eventsFolder, "*.parquet", SearchOption.AllDirectories).Where(f => !Path.GetDirectoryName(f)!.Contains("shard=", StringComparison.Ordinal)))
        {
            var parts = Enumerable.Range(0, shards).Select(_ => new List<Clickcast.Events.ClickEvent>()).ToArray();
            await foreach (var batch in Clickcast.Events.EventFileReader.ReadAsync(file))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    parts[Clickcast.Events.ClientShard.Of(batch.ClientIds[i], shards)].Add(batch[i]);
                }
            }

            for (var shard = 0; shard < shards; shard++)
            {
                var folder = Path.Combine(Path.GetDirectoryName(file)!, Clickcast.Events.EventFileKey.ShardFolder(shard, shards));
                Directory.CreateDirectory(folder);
                await using var writer = await Clickcast.Events.EventFileWriter.CreateAsync("bench", Path.Combine(folder, Path.GetFileName(file)), CancellationToken.None);
                foreach (var click in parts[shard])
                {
                    await writer.AddAsync(click, CancellationToken.None);
                }
            }

            File.Delete(file);
        }
    }
}
