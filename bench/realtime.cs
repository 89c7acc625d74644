#:project ../src/Clickcast/Clickcast.csproj
#:project Clickcast.Bench/Clickcast.Bench.csproj

// Real-time scoring benchmark: `POST …/predict` of a running `clickcast serve` (the README's demo data, GRU or
// baseline champion as best-of chose) under real HTTP load generators (npm autocannon, and Debian's hey evenly paced) on loopback, one client per
// request, at a fixed rate, with and without a full batch rescoring of every client looping beside it: in the same server's workers, or
// in a separate `clickcast worker` process under `nice -n 10` (serve `--no-workers`).
//
//   bench/run.sh realtime [--clients 20000] [--rate 500] [--seconds 20] [--serve-env DOTNET_GCgen0size=0x4000000] [--write]
//
// --serve-env (repeatable) sets an environment variable of the `clickcast serve` process only (GC knobs to compare).
//
// Request bodies: for 2,000 clients of the demo's stored sequences, the client's last 20 events as raw events
// ("events" mode: what a CDP sends the moment a client acts), or just its id ("clientId" mode: the stored chain is
// read). The batch loop: delete the task's scoring state, POST …/score (so the run rescores everyone), wait for it,
// repeat — the real batch scorer competing for the same 2 cores.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Clickcast.Bench;
using Clickcast.Sequences;
using Clickcast.Storage;

var options = new BenchArguments(args);
var repo = Repository.Root;
var cli = Repository.Cli;
var clients = options.Number("--clients", 20_000);
var rate = options.Number("--rate", 500);
var seconds = options.Number("--seconds", 20);
var serveEnv = args.Select((a, i) => (a, i)).Where(p => p.a == "--serve-env" && p.i + 1 < args.Length).Select(p => args[p.i + 1].Split('=', 2)).ToList();
var work = Path.Combine(Path.GetTempPath(), "clickcast-bench-realtime-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)); // two benches at once do not collide
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(work);
var data = Path.Combine(work, "data");
Console.WriteLine($"demo with {clients:N0} clients in {data} …");
var demoClock = Stopwatch.StartNew();
ClickcastProcess.Run(work, "--data", data, "demo", "--clients", clients.ToString(CultureInfo.InvariantCulture));
Console.WriteLine($"demo done in {demoClock.Elapsed.TotalSeconds:0} s");

// Request bodies from the stored sequences: the last 20 events of 2,000 clients, as raw URLs.
var store = new LocalObjectStore(Path.Combine(data, "objects"));
var eventLists = new List<object>();
var idBodies = new List<object>();
var chainLengths = new List<int>();
await foreach (var sequence in new SequenceStore(store).ReadAllAsync("demo"))
{
    var from = Math.Max(0, sequence.Length - 20);
    var events = Enumerable.Range(from, sequence.Length - from).Select(i => new
    {
        time = DateTimeOffset.UnixEpoch.AddTicks(sequence.TimestampsMicros[i] * 10),
        url = "https://" + sequence.Urls[i],
        type = sequence.EventTypes[i],
    }).ToList();
    eventLists.Add(events);
    idBodies.Add(new { clientId = sequence.ClientId, top = 0 });
    chainLengths.Add(events.Count);
    if (eventLists.Count == 2_000)
    {
        break;
    }
}

var bodies = new Dictionary<string, string>
{
    ["events"] = Write("events.json", eventLists.Select(events => new { events, top = 0 }).ToList()),
    ["events+top5"] = Write("events-top5.json", eventLists.Select(events => new { events, top = 5 }).ToList()),
    ["clientId"] = Write("ids.json", idBodies),
};

// The server, and (for the rows where the batch runs in its own process) a `clickcast worker` under `nice -n 10`:
// what docs/operations.md recommends when real-time latency matters.
var port = FreePort();
var adminKey = "ck_" + new string('b', 40);
var predict = $"http://127.0.0.1:{port}/api/tenants/demo/tasks/checkout-7d/predict";
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
http.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
string? family = null;
var results = new List<(string Mode, Beside Batch, int Rate, LoadResult Result, string BatchRuns)>();
var breakdowns = new List<(string Mode, Beside Batch, int Rate, string Stages)>();
var paced = new List<(string Mode, Beside Batch, LoadResult Result, string BatchRuns)>();
foreach (var layout in new[] { Beside.InServe, Beside.NicedWorker })
{
    using var server = Start(layout == Beside.NicedWorker ? ["serve", "--no-demo", "--no-workers", "--urls", $"http://127.0.0.1:{port}"] : ["serve", "--no-demo", "--urls", $"http://127.0.0.1:{port}"]);
    using var worker = layout == Beside.NicedWorker ? Start(["worker"], nice: 10) : null;
    await WaitReadyAsync(http);
    var models = await http.GetFromJsonAsync<JsonElement>("api/tenants/demo/tasks/checkout-7d/models");
    var versions = models.GetProperty("versions").EnumerateArray().ToList();
    if (!versions.Any(v => v.GetProperty("status").GetString() == "Champion"))
    {
        // A small demo can end without a champion (too few positives to train): say so rather than fail on First, and
        // return (not throw: an unhandled exception skips the disposals that stop serve and the worker).
        Console.Error.WriteLine($"The demo of {clients:N0} clients has no champion for checkout-7d (versions: {(versions.Count == 0 ? "none" : string.Join(", ", versions.Select(v => v.GetProperty("status").GetString())))}); run it with more --clients.");
        return 1;
    }

    var champion = versions.First(v => v.GetProperty("status").GetString() == "Champion");
    family = champion.GetProperty("family").GetString();
    Console.WriteLine($"serving on {port} ({layout}); champion v{champion.GetProperty("version").GetInt32()} ({family})");

    Load("events", 200, 5, 10); // warm-up: JIT, the champion loaded, connections open
    var rows = layout == Beside.InServe
        ? new[] { ("events", Beside.None, rate), ("events", Beside.InServe, rate), ("events+top5", Beside.InServe, rate), ("clientId", Beside.InServe, rate), ("events", Beside.None, 0) }
        : new[] { ("events", Beside.NicedWorker, rate), ("clientId", Beside.NicedWorker, rate) };
    foreach (var (mode, batch, r) in rows)
    {
        using var stop = new CancellationTokenSource();
        var batchRuns = new List<double>();
        var loop = batch != Beside.None ? Task.Run(() => BatchLoopAsync(http, data, batchRuns, stop.Token)) : Task.CompletedTask;
        var before = await MetricsAsync(http);
        var result = Load(mode, r, seconds, r == 0 ? 16 : 32);
        var after = await MetricsAsync(http);
        await stop.CancelAsync();
        await loop;
        var stages = ServerSide.Of(before, after);
        breakdowns.Add((mode, batch, r, stages));
        Console.WriteLine("  server side: " + stages);
        var runs = batch != Beside.None ? string.Create(CultureInfo.InvariantCulture, $"{batchRuns.Count} full runs, median {(batchRuns.Count == 0 ? 0 : batchRuns.Order().ElementAt(batchRuns.Count / 2)):0.0} s") : "—";
        results.Add((mode, batch, r, result, runs));
        Console.WriteLine($"{mode,-12} batch={batch,-11} rate={(r == 0 ? "max" : r.ToString(CultureInfo.InvariantCulture)),-5} {result} batch: {runs}");
    }

    // The same rate evenly paced by hey (Debian's `hey`: each of 10 workers sends one request every 10/rate s), so a
    // "500/s" row is 500 requests spread over the second, not autocannon's burst at the start of each second.
    var pacedRows = layout == Beside.InServe ? new[] { ("events", Beside.None), ("events", Beside.InServe) } : new[] { ("events", Beside.NicedWorker), ("clientId", Beside.NicedWorker) };
    foreach (var (mode, batch) in pacedRows)
    {
        using var stop = new CancellationTokenSource();
        var batchRuns = new List<double>();
        var loop = batch != Beside.None ? Task.Run(() => BatchLoopAsync(http, data, batchRuns, stop.Token)) : Task.CompletedTask;
        var result = Paced(mode, rate, seconds);
        await stop.CancelAsync();
        await loop;
        var runs = batch != Beside.None ? string.Create(CultureInfo.InvariantCulture, $"{batchRuns.Count} full runs") : "—";
        paced.Add((mode, batch, result, runs));
        Console.WriteLine($"paced {mode,-12} batch={batch,-11} rate={rate} {result} batch: {runs}");
    }

    worker?.Kill(entireProcessTree: true);
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
}

var table = new StringBuilder();
table.AppendLine("| request | batch rescoring beside | offered rate | requests/s | p50 ms | p90 ms | p99 ms | max ms | per response p50 / p99 ms | non-2xx | batch runs during the load |");
table.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var (mode, batch, r, res, runs) in results)
{
    table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {Describe(mode)} | {DescribeBatch(batch)} | {(r == 0 ? "as fast as it answers (16 connections)" : r + "/s")} | {res.Rps:0} | {res.P50:0.#} | {res.P90:0.#} | {res.P99:0.#} | {res.Max:0} | {res.RawP50:0.#} / {res.RawP99:0.#} | {res.Non2xx + res.Errors} | {runs} |"));
}

var pacedTable = new StringBuilder();
pacedTable.AppendLine("| request | batch rescoring beside | offered rate | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | batch runs during the load |");
pacedTable.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var (mode, batch, res, runs) in paced)
{
    pacedTable.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {Describe(mode)} | {DescribeBatch(batch)} | {rate}/s, evenly paced | {res.Rps:0} | {res.P50:0.#} | {res.P90:0.#} | {res.P99:0.#} | {res.Max:0} | {res.Non2xx + res.Errors} | {runs} |"));
}

var section = string.Create(CultureInfo.InvariantCulture, $"""
    Command: `bench/run.sh realtime --clients {clients} --rate {rate} --seconds {seconds}{string.Concat(serveEnv.Select(p => $" --serve-env {p[0]}={p[1]}"))} --write` — {Environment.ProcessorCount} cores,
    {TimeProvider.System.GetUtcNow():yyyy-MM-dd}. `clickcast serve` on the README's demo data ({clients:N0} clients; champion: {family}),
    load from npm autocannon 8 on 127.0.0.1 (same machine, same 2 cores), {seconds} s per row after a 5 s warm-up; one client per
    request, 2,000 different clients round robin (mean {chainLengths.Average():0.0} events each in "events" mode). Latencies as
    autocannon reports them, in ms; at a fixed rate autocannon sends each connection's share of a second back to back
    at the start of the second and back-fills every response of n ms with n synthetic samples (its coordinated-omission
    correction with a 1 ms interval), so "per response" also gives each response's own time (write → answer) counted once.

    {table.ToString().TrimEnd()}

    The same rates evenly paced, from Debian's `hey` 0.1.4 (`hey -z {seconds}s -c 10 -q {rate / 10.0:0.#} -m POST`: 10 workers, each one
    request every {10_000.0 / rate:0.#} ms; hey sends one body, so every request is the first client's; latencies as hey reports them,
    each response once, in ms):

    {pacedTable.ToString().TrimEnd()}

    Where the time goes, server side (from `/metrics` before and after each row: `clickcast.api.stage.duration`, whose
    p99 is the upper bound of its bucket, and the runtime's GC series): per stage, requests slower than 10 ms and the p99.

    {BreakdownTable().TrimEnd()}
    """);
Console.WriteLine();
Console.WriteLine(section);
if (options.Has("--write"))
{
    BenchmarksDocument.Replace("realtime", "## Real-time scoring (bench/realtime.cs)\n\n" + section.Trim());
}

return 0;

string BreakdownTable()
{
    var rows = new StringBuilder();
    rows.AppendLine("| request | batch rescoring beside | offered rate | server side |");
    rows.AppendLine("|---|---|---|---|");
    foreach (var (mode, batch, r, stages) in breakdowns)
    {
        rows.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {Describe(mode)} | {DescribeBatch(batch)} | {(r == 0 ? "as fast as it answers" : r + "/s")} | {stages} |"));
    }

    return rows.ToString();
}

static async Task<Dictionary<string, double>> MetricsAsync(HttpClient http)
{
    var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
    var values = new Dictionary<string, double>(StringComparer.Ordinal);
    foreach (var line in text.Split('\n'))
    {
        var space = line.LastIndexOf(' ');
        if (line.Length == 0 || line[0] == '#' || space < 0)
        {
            continue;
        }

        // "name{labels} value [timestamp]": the value is the last field unless a timestamp follows.
        var fields = line.Split(' ');
        var close = line.IndexOf('}', StringComparison.Ordinal);
        var name = close > 0 ? line[..(close + 1)] : fields[0];
        var rest = (close > 0 ? line[(close + 1)..] : line[fields[0].Length..]).Trim().Split(' ');
        if (double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            values[name] = value;
        }
    }

    return values;
}

static string DescribeBatch(Beside batch) => batch switch
{
    Beside.InServe => "yes, in serve's own workers",
    Beside.NicedWorker => "yes, in a `clickcast worker` under `nice -n 10` (serve `--no-workers`)",
    _ => "no",
};

static string Describe(string mode) => mode switch
{
    "events" => "last 20 raw events, `top: 0`",
    "events+top5" => "last 20 raw events, `top: 5` (the single-client default)",
    _ => "`clientId` only (stored chain read)",
};

LoadResult Paced(string mode, int offered, int duration)
{
    const int Workers = 10;
    var body = Path.Combine(work, mode + "-one.json");
    File.WriteAllText(body, JsonDocument.Parse(File.ReadAllText(bodies[mode])).RootElement[0].GetRawText());
    var start = new ProcessStartInfo("hey") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { "-z", $"{duration}s", "-c", Workers.ToString(CultureInfo.InvariantCulture), "-q", (offered / (double)Workers).ToString(CultureInfo.InvariantCulture), "-m", "POST", "-T", "application/json", "-H", "Authorization: Bearer " + adminKey, "-D", body, predict })
    {
        start.ArgumentList.Add(a);
    }

    using var hey = Process.Start(start) ?? throw new InvalidOperationException("hey did not start: install Debian's hey (bench/run.sh does)");
    var output = hey.StandardOutput.ReadToEnd();
    var error = hey.StandardError.ReadToEnd();
    hey.WaitForExit();
    if (hey.ExitCode != 0)
    {
        throw new InvalidOperationException("hey failed: " + error);
    }

    double Seconds(string pattern) => double.Parse(System.Text.RegularExpressions.Regex.Match(output, pattern).Groups[1].Value, CultureInfo.InvariantCulture);
    var nonOk = System.Text.RegularExpressions.Regex.Matches(output, @"\[(\d+)\]\s+(\d+) responses").Sum(m => m.Groups[1].Value.StartsWith('2') ? 0 : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    var errors = System.Text.RegularExpressions.Regex.Match(output, @"Error distribution:(?<e>[\s\S]*)$") is { Success: true } e
        ? System.Text.RegularExpressions.Regex.Matches(e.Groups["e"].Value, @"\[(\d+)\]").Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
        : 0;
    return new LoadResult(Seconds(@"Requests/sec:\s+([\d.]+)"), 1000 * Seconds(@"50% in ([\d.]+) secs"), 1000 * Seconds(@"90% in ([\d.]+) secs"), 1000 * Seconds(@"99% in ([\d.]+) secs"), 1000 * Seconds(@"Slowest:\s+([\d.]+) secs"), nonOk, errors);
}

LoadResult Load(string mode, int offered, int duration, int connections)
{
    var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(repo, "bench", "peers") };
    foreach (var a in new[] { "realtime-load.js", predict, adminKey, bodies[mode], offered.ToString(CultureInfo.InvariantCulture), duration.ToString(CultureInfo.InvariantCulture), connections.ToString(CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(a);
    }

    using var node = Process.Start(start)!;
    var output = node.StandardOutput.ReadToEnd();
    var error = node.StandardError.ReadToEnd();
    node.WaitForExit();
    if (node.ExitCode != 0)
    {
        throw new InvalidOperationException("autocannon failed: " + error);
    }

    var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
    var raw = json.GetProperty("raw");
    return new LoadResult(json.GetProperty("rps").GetDouble(), json.GetProperty("p50").GetDouble(), json.GetProperty("p90").GetDouble(), json.GetProperty("p99").GetDouble(), json.GetProperty("max").GetDouble(), json.GetProperty("non2xx").GetInt32(), json.GetProperty("errors").GetInt32())
    {
        RawP50 = raw.GetProperty("p50").GetDouble(),
        RawP99 = raw.GetProperty("p99").GetDouble(),
    };
}

static async Task BatchLoopAsync(HttpClient http, string data, List<double> runs, CancellationToken stop)
{
    var state = Path.Combine(data, "objects", "tenants", "demo", "tasks", "checkout-7d", "predictions", "state.json");
    while (!stop.IsCancellationRequested)
    {
        File.Delete(state); // so the run rescores every client, as after a promotion
        var clock = Stopwatch.StartNew();
        using var queued = await http.PostAsync(new Uri("api/tenants/demo/tasks/checkout-7d/score", UriKind.Relative), null, CancellationToken.None);
        var answer = await queued.Content.ReadAsStringAsync(CancellationToken.None);
        if (!queued.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST …/score answered {(int)queued.StatusCode}: {answer}");
        }

        var id = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetInt64();
        while (true)
        {
            await Task.Delay(200, CancellationToken.None);
            var run = await http.GetFromJsonAsync<JsonElement>($"api/tenants/demo/runs/{id}", CancellationToken.None);
            var status = run.GetProperty("run").GetProperty("status").GetString();
            if (status is "Succeeded" or "DeadLettered" or "Cancelled" or "Failed")
            {
                break;
            }
        }

        runs.Add(clock.Elapsed.TotalSeconds);
    }
}

Process Start(string[] arguments, int nice = 0)
{
    var start = new ProcessStartInfo(nice == 0 ? "dotnet" : "nice") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
    foreach (var a in (nice == 0 ? [cli, "--data", data] : new[] { "-n", nice.ToString(CultureInfo.InvariantCulture), "dotnet", cli, "--data", data }).Concat(arguments))
    {
        start.ArgumentList.Add(a);
    }

    if (arguments[0] == "serve")
    {
        foreach (var pair in serveEnv)
        {
            start.Environment[pair[0]] = pair[1];
        }
    }

    start.Environment["CLICKCAST_Server__AdminKey"] = adminKey;
    start.Environment["CLICKCAST_Server__PredictionsPerWindow"] = "100000000";
    start.Environment["CLICKCAST_Server__RequestsPerWindow"] = "1000000";
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var i = 0; i < 600; i++)
    {
        try
        {
            using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(200);
    }

    throw new TimeoutException("clickcast serve did not become ready in 2 minutes");
}

string Write(string name, object value)
{
    var path = Path.Combine(work, name);
    File.WriteAllText(path, JsonSerializer.Serialize(value));
    return path;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal enum Beside
{
    None,
    InServe,
    NicedWorker,
}

/// <summary>The server's own view of a row: per-stage latency from the histogram and the GC's work, as differences of two scrapes.</summary>
internal static class ServerSide
{
    private static readonly string[] Stages = ["auth", "tenant", "champion", "lookup", "model", "explain"];

    public static string Of(Dictionary<string, double> before, Dictionary<string, double> after)
    {
        double Delta(string key) => after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
        var parts = new List<string>();
        foreach (var stage in Stages)
        {
            var buckets = after.Keys.Where(k => k.StartsWith("clickcast_api_stage_duration_seconds_bucket{", StringComparison.Ordinal) && k.Contains($"stage=\"{stage}\"", StringComparison.Ordinal))
                .Select(k => (Le: Le(k), Count: Delta(k))).OrderBy(b => b.Le).ToList();
            var count = buckets.Count == 0 ? 0 : buckets[^1].Count;
            if (count <= 0)
            {
                continue;
            }

            var under10 = buckets.FirstOrDefault(b => Math.Abs(b.Le - 0.01) < 1e-9).Count;
            var p99 = buckets.First(b => b.Count >= 0.99 * count).Le;
            var sum = after.Where(p => p.Key.StartsWith("clickcast_api_stage_duration_seconds_sum{", StringComparison.Ordinal) && p.Key.Contains($"stage=\"{stage}\"", StringComparison.Ordinal)).Sum(p => Delta(p.Key));
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{stage} mean {sum / count * 1000:0.00} ms, p99 ≤ {(double.IsPositiveInfinity(p99) ? "∞" : (p99 * 1000).ToString("0.##", CultureInfo.InvariantCulture))} ms, {count - under10:0} > 10 ms"));
        }

        var pauses = after.Where(p => p.Key.StartsWith("dotnet_gc_pause_time_seconds_total", StringComparison.Ordinal)).Sum(p => Delta(p.Key));
        string Collections(string generation) => after.Where(p => p.Key.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal) && p.Key.Contains($"\"{generation}\"", StringComparison.Ordinal)).Sum(p => Delta(p.Key)).ToString("0", CultureInfo.InvariantCulture);
        var locks = after.Where(p => p.Key.StartsWith("dotnet_monitor_lock_contentions_total", StringComparison.Ordinal)).Sum(p => Delta(p.Key));
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"GC: {pauses * 1000:0} ms paused, gen0/1/2 {Collections("gen0")}/{Collections("gen1")}/{Collections("gen2")}; lock contentions {locks:0}"));
        return string.Join("; ", parts);
    }

    private static double Le(string key)
    {
        var at = key.IndexOf("le=\"", StringComparison.Ordinal) + 4;
        var value = key[at..key.IndexOf('"', at)];
        return value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture);
    }
}

internal sealed record LoadResult(double Rps, double P50, double P90, double P99, double Max, int Non2xx, int Errors)
{
    /// <summary>Median of the responses' own times, each counted once (no coordinated-omission back-fill).</summary>
    public double RawP50 { get; init; }

    /// <summary>99th percentile of the responses' own times, each counted once.</summary>
    public double RawP99 { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rps:0} req/s p50 {P50:0.#} p90 {P90:0.#} p99 {P99:0.#} max {Max:0} ms, non-2xx {Non2xx}, errors {Errors}; per response p50 {RawP50:0.#} p99 {RawP99:0.#} ms");
}
