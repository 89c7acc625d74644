#:project ../src/Clickcast/Clickcast.csproj
#:property TieredPGO=true
#:property JsonSerializerIsReflectionEnabledByDefault=true
#:property PublishAot=false

// Pipeline benchmark: the README's main job end to end (`clickcast demo`), and the cost of an incremental run after
// +1 % new events relative to a full run, both through the real command line in fresh data folders.
//
//   bench/run.sh pipeline [--clients 20000] [--runs 3] [--write]
//
// Full run: a tenant with one task (GRU and baseline, best of), 99 days of generated raw files, `clickcast run`
// (ingest, sequences, train, score, export). Incremental run: the 100th day (about 1 % more events) lands, then
// `clickcast run` again (ingest of one file, incremental sequences, training skipped by the retraining policy since
// the data grew by less than 5 %, scoring of clients with fresh events only, export). Medians of --runs.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Clickcast.Export;
using Clickcast.Generation;
using Clickcast.Labels;
using Clickcast.Modeling;
using Clickcast.Serialization;
using Clickcast.Tasks;
using Clickcast.Urls;

var repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourceFile())!, ".."));
var cli = Path.Combine(repo, "artifacts", "bin", "Clickcast.Cli", "release", "Clickcast.Cli.dll");
var clients = Option("--clients", 20_000);
var runs = Option("--runs", 3);
var work = Path.Combine(Path.GetTempPath(), "clickcast-bench-pipeline");
Directory.CreateDirectory(work);

var demoTimes = new List<double>();
var fullTimes = new List<double>();
var incrementalTimes = new List<double>();
var fullSteps = new List<string>();
var incrementalSteps = new List<string>();
var files = ClickstreamFiles.Write(new GeneratorOptions { Clients = clients, Days = 100, Seed = 99 }, Path.Combine(work, "avro")).Files;
var totalBytes = files.Sum(f => new FileInfo(f).Length);
var lastBytes = new FileInfo(files[^1]).Length;
for (var run = 0; run < runs; run++)
{
    var demo = Fresh("demo");
    demoTimes.Add(Time(demo, "demo", "--clients", clients.ToString(CultureInfo.InvariantCulture)).Seconds);

    var data = Fresh("pipeline");
    var tenantFile = Path.Combine(data, "tenant.json");
    File.WriteAllText(tenantFile, JsonSerializer.Serialize(Tenant(), ClickcastJson.Options));
    Time(data, "tenants", "apply", "-f", tenantFile);
    var raw = Path.Combine(data, "objects", "tenants", "bench", "raw");
    Directory.CreateDirectory(raw);
    foreach (var file in files.Take(files.Count - 1))
    {
        File.Copy(file, Path.Combine(raw, Path.GetFileName(file)));
    }

    var full = Time(data, "run");
    fullTimes.Add(full.Seconds);
    fullSteps.Add(Steps(data, 0));
    var lastJob = LastJobId(data);
    File.Copy(files[^1], Path.Combine(raw, Path.GetFileName(files[^1])));
    var incremental = Time(data, "run");
    incrementalTimes.Add(incremental.Seconds);
    incrementalSteps.Add(Steps(data, lastJob));
    Console.Error.WriteLine($"run {run}: demo {demoTimes[^1]:0.0} s, full {full.Seconds:0.0} s, incremental {incremental.Seconds:0.0} s");
}

var fullMedian = Median(fullTimes);
var incrementalMedian = Median(incrementalTimes);
var text = $"""
    Command: `bench/run.sh pipeline --clients {clients} --runs {runs} --write` — medians of {runs} runs on {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}; every run starts from an empty data folder.

    | what | median | runs |
    |---|---:|---|
    | README main job (`clickcast demo --clients {clients}`), end to end | {Median(demoTimes):0.0} s | {string.Join(", ", demoTimes.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} |
    | full run: 99 days ({(totalBytes - lastBytes) / 1e6:0} MB Avro) → ingest, sequences, train (GRU + baseline), score everyone, export | {fullMedian:0.0} s | {string.Join(", ", fullTimes.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} |
    | incremental run: +1 day ({lastBytes * 100.0 / (totalBytes - lastBytes):0.0} % more data) → ingest, sequences, score fresh clients, export | {incrementalMedian:0.0} s | {string.Join(", ", incrementalTimes.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} |
    | incremental / full | **{incrementalMedian / fullMedian * 100:0.0} %** (goal ≤ 5 %) | |

    Jobs of the last full run: {fullSteps[^1]}.
    Jobs of the last incremental run: {incrementalSteps[^1]}.
    (Job times from the run history; the rest of a run's wall time is process start-up, sensing and the queue.)
    """;
Console.WriteLine(text);
if (args.Contains("--write"))
{
    Replace(Path.Combine(repo, "docs", "benchmarks.md"), "pipeline", text);
}

return 0;

string Fresh(string name)
{
    var folder = Path.Combine(work, name);
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }

    Directory.CreateDirectory(folder);
    return folder;
}

(double Seconds, string Output) Time(string data, params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
    start.ArgumentList.Add(cli);
    start.ArgumentList.Add("--data");
    start.ArgumentList.Add(data);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["COLUMNS"] = "160";
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    var seconds = clock.Elapsed.TotalSeconds;
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"clickcast {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output.Result}{error.Result}");
    }

    return (seconds, output.Result);
}

static TenantDefinition Tenant() => new()
{
    Id = "bench",
    Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } },
    Tasks =
    [
        new TaskDefinition
        {
            Id = "checkout-7d",
            Attribute = "propensity_checkout_7d",
            Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl },
            Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(7) },
            Model = new ModelSettings { Family = ModelFamilyChoice.BestOf },
            Exports = [new ExportDestinationOptions { Name = "files", Kind = ExportDestinationKind.Files }],
        },
    ],
};

string Steps(string data, long after)
{
    using var json = JsonDocument.Parse(Time(data, "runs", "list", "--json", "--limit", "1000").Output);
    var jobs = json.RootElement.EnumerateArray().Where(j => j.GetProperty("id").GetInt64() > after).ToList();
    return string.Join(", ", jobs.GroupBy(j => j.GetProperty("kind").GetString()).Select(g =>
    {
        var seconds = g.Sum(j => (j.GetProperty("finishedAt").GetDateTimeOffset() - j.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key} {seconds:0.0} s");
    }));
}

long LastJobId(string data)
{
    using var json = JsonDocument.Parse(Time(data, "runs", "list", "--json", "--limit", "1").Output);
    return json.RootElement.GetArrayLength() == 0 ? 0 : json.RootElement[0].GetProperty("id").GetInt64();
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static void Replace(string path, string name, string section)
{
    var startMarker = $"<!-- {name}:start -->";
    var endMarker = $"<!-- {name}:end -->";
    var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
    var block = $"{startMarker}\n## Pipeline: end to end and incremental (bench/pipeline.cs)\n\n{section.Trim()}\n{endMarker}";
    var from = text.IndexOf(startMarker, StringComparison.Ordinal);
    var to = text.IndexOf(endMarker, StringComparison.Ordinal);
    text = from >= 0 && to > from ? text[..from] + block + text[(to + endMarker.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
    File.WriteAllText(path, text);
}

static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
