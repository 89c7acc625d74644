#:project ../src/Clickcast/Clickcast.csproj
#:project Clickcast.Bench/Clickcast.Bench.csproj

// Pipeline benchmark: the README's main job end to end (`clickcast demo`), and the cost of an incremental run after
// +1 % new events relative to a full run, through the real command line (a long-running worker) in fresh folders.
//
//   bench/run.sh pipeline [--clients 20000] [--runs 3] [--write]
//
// Full run: a tenant with one task (GRU and baseline, best of), the first days of 100 generated ones land in the raw
// prefix of a running `clickcast worker` (ingest, sequences, train, score, export). Incremental run: the last days
// (at least 1 % more events) land (ingest, incremental sequences, training skipped by the retraining policy since
// the data grew by less than 5 %, scoring of clients with fresh events only, export). Medians of --runs.
using System.Diagnostics;
using System.Globalization;
using Clickcast.Bench;
using Clickcast.Generation;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var options = new BenchArguments(args);
var clients = options.Number("--clients", 20_000);
var runs = options.Number("--runs", 3);
var work = Path.Combine(Path.GetTempPath(), "clickcast-bench-pipeline");
Directory.CreateDirectory(work);

var demoTimes = new List<double>();
var fullWork = new List<double>();
var incrementalWork = new List<double>();
var fullWall = new List<double>();
var incrementalWall = new List<double>();
var fullSteps = new List<string>();
var incrementalSteps = new List<string>();
var files = ClickstreamFiles.Write(new GeneratorOptions { Clients = clients, Days = 100, Seed = 99 }, Path.Combine(work, "avro")).Files;

// The increment: the last days, as many as make at least 1 % more events than the days before them.
var sizes = files.Select(f => new FileInfo(f).Length).ToArray();
var newDays = 1;
while (sizes[^newDays..].Sum() < 0.01 * sizes[..^newDays].Sum())
{
    newDays++;
}

var baseFiles = files.Take(files.Count - newDays).ToList();
var newFiles = files.Skip(files.Count - newDays).ToList();
var growth = sizes[^newDays..].Sum() * 100.0 / sizes[..^newDays].Sum();
for (var run = 0; run < runs; run++)
{
    var demo = Fresh("demo");
    demoTimes.Add(ClickcastProcess.Run(demo, "--data", demo, "demo", "--clients", clients.ToString(CultureInfo.InvariantCulture)).Seconds);

    // A long-running worker, as in production: the increment is measured on a warm process.
    var data = Fresh("pipeline");
    var raw = BenchTenant.Apply(data, BenchTenant.Create());
    using var worker = StartWorker(data);
    await using var database = MetadataDatabase.Sqlite(Path.Combine(data, "clickcast.db"), TimeProvider.System);
    var queue = new JobQueue(database, Options.Create(new JobOptions()), TimeProvider.System, NullLogger<JobQueue>.Instance);

    var (wall, jobs) = await LandAsync(queue, raw, baseFiles, 0);
    fullWall.Add(wall);
    fullWork.Add(Work(jobs));
    fullSteps.Add(Steps(jobs));
    var last = jobs.Max(j => j.Id);
    (wall, jobs) = await LandAsync(queue, raw, newFiles, last);
    incrementalWall.Add(wall);
    incrementalWork.Add(Work(jobs));
    incrementalSteps.Add(Steps(jobs));
    worker.Kill(entireProcessTree: true);
    worker.WaitForExit();
    Console.Error.WriteLine($"run {run}: demo {demoTimes[^1]:0.0} s; full {fullWall[^1]:0.0} s wall, {fullWork[^1]:0.0} s of jobs; incremental {incrementalWall[^1]:0.0} s wall, {incrementalWork[^1]:0.00} s of jobs");
}

var text = $"""
    Command: `bench/run.sh pipeline --clients {clients} --runs {runs} --write` — medians of {runs} runs on {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}; every run starts from an empty data folder.

    | what | median | runs |
    |---|---:|---|
    | README main job (`clickcast demo --clients {clients}`), end to end, one process | {Median(demoTimes):0.0} s | {Join(demoTimes)} |
    | full run: {baseFiles.Count} days of raw files land → ingest, sequences, train (GRU + baseline), score everyone, export: time in jobs | {Median(fullWork):0.0} s | {Join(fullWork)} |
    | incremental run: {newDays} more day(s), +{growth:0.0} % events → ingest, sequences, retraining skipped by policy (< 5 % growth), score fresh clients, export: time in jobs | {Median(incrementalWork):0.00} s | {Join(incrementalWork, "0.00")} |
    | **incremental / full, time in jobs** | **{Median(incrementalWork) / Median(fullWork) * 100:0.0} %** (goal ≤ 5 %) | |
    | full run, wall time from files landing to the export finished | {Median(fullWall):0.0} s | {Join(fullWall)} |
    | incremental run, wall time from files landing to the export finished | {Median(incrementalWall):0.0} s | {Join(incrementalWall)} |
    | incremental / full, wall time | {Median(incrementalWall) / Median(fullWall) * 100:0.0} % | |

    The runs use one long-running `clickcast worker` (sensor polling every second, no debounce) per data folder, as a
    deployment would; "time in jobs" is the sum of the jobs' durations in the run history, the pipeline's work; the
    wall times add the sensor's polling delay. Jobs of the last full run: {fullSteps[^1]}. Jobs of the last
    incremental run: {incrementalSteps[^1]}.
    """;
Console.WriteLine(text);
if (options.Has("--write"))
{
    BenchmarksDocument.Replace("pipeline", "## Pipeline: end to end and incremental (bench/pipeline.cs)\n\n" + text.Trim());
}

return 0;

Process StartWorker(string data)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
    foreach (var argument in new[] { Repository.Cli, "--data", data, "worker" })
    {
        start.ArgumentList.Add(argument);
    }

    ClickcastProcess.PollFast(start);
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

// Drops files into the raw prefix and waits until the pipeline has nothing queued or running and an export (or, without
// a model, a training job) finished after them; returns the wall time and the jobs created since `after`.
async Task<(double Wall, List<Job> Jobs)> LandAsync(JobQueue queue, string raw, IReadOnlyList<string> landing, long after)
{
    var clock = Stopwatch.StartNew();
    foreach (var file in landing)
    {
        File.Copy(file, Path.Combine(raw, Path.GetFileName(file)));
    }

    var quiet = 0;
    var seen = -1;
    while (true)
    {
        await Task.Delay(250);
        var jobs = (await queue.ListAsync(new JobQuery { Limit = 1000 })).Where(j => j.Id > after).ToList();
        var busy = jobs.Any(j => j.Status is JobStatus.Queued or JobStatus.Running);

        // Done: every file ingested, nothing queued or running, and no new job for two sensor polls.
        quiet = !busy && jobs.Count == seen && jobs.Count(j => j.Kind == JobKind.Ingest) == landing.Count ? quiet + 1 : 0;
        seen = jobs.Count;
        if (quiet >= 8)
        {
            return ((jobs.Max(j => j.FinishedAt!.Value) - jobs.Min(j => j.CreatedAt)).TotalSeconds, jobs);
        }

        if (clock.Elapsed > TimeSpan.FromMinutes(20))
        {
            throw new TimeoutException("The pipeline did not finish in 20 minutes: " + string.Join(", ", jobs.Select(j => $"{j.Kind} {j.Status} {j.LastError}")));
        }
    }
}

static double Work(List<Job> jobs) => jobs.Sum(j => (j.FinishedAt!.Value - j.StartedAt!.Value).TotalSeconds);

static string Steps(List<Job> jobs) => string.Join(", ", jobs.GroupBy(j => j.Kind).OrderBy(g => g.Key).Select(g =>
    string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key} {g.Sum(j => (j.FinishedAt!.Value - j.StartedAt!.Value).TotalSeconds):0.00} s")));

static string Join(List<double> values, string format = "0.0") => string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

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

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
