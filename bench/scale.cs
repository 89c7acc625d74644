#:project ../src/Clickcast/Clickcast.csproj
#:project Clickcast.Bench/Clickcast.Bench.csproj

// Scale benchmark: generated events end to end (ingest, sequences, train, score everyone, export to files) through
// `clickcast worker` processes sharing one local store and its SQLite database, at several sizes and worker counts.
//
//   bench/run.sh scale [--events 10M,100M] [--workers 1,2] [--shards N] [--family BestOf] [--work DIR] [--keep] [--build-output] [--write]
//   bench/run.sh scale --avro DIR [--days N] ...    instead of generating: the first N days of Avro files already generated
//   bench/run.sh scale --report FILE[,FILE] [--write]   the section again from saved runs (scale-results.json), nothing run
//
// Per size: `clickcast generate` (timed), then per worker count a fresh data folder, the tenant applied (with
// --shards as its shard count), the Avro files hard-linked into its raw prefix and the workers started under GNU
// time. Each stage's wall time (first job start to last job end), time in jobs and job count come from the job
// history; each stage's peak RSS from the workers' VmHWM, read and reset (/proc/PID/clear_refs) every 200 ms and
// charged to the stages running in that process during the interval; each process's peak RSS from GNU time. The
// size's folder is deleted afterwards (unless --keep, which also keeps each run's data folder). The N-worker model (ScaleModel) is computed from the run.
// The workers run the CLI operators run, published into WORK/cli (`dotnet publish -r RID`, start-up assemblies
// ReadyToRun); --build-output runs the plain `dotnet build` output instead (runs saved before 2026-12-04 23:00 UTC did).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Clickcast.Bench;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var reportFiles = new BenchArguments(args).Text("--report", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

// With --report, the options are those of the saved run (the first file's), so that the section describes it.
var options = new BenchArguments(reportFiles.Length > 0
    ? JsonSerializer.Deserialize<(List<ScaleRun>, List<string>, string)>(File.ReadAllText(reportFiles[0]), Saved.Options).Item3.Split(' ').Concat(args).ToArray()
    : args);
var sizes = options.Text("--events", "10M,100M").Split(',').Select(Sizes.Parse).ToArray();
var workerCounts = options.Text("--workers", "1,2").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
var shards = options.Number("--shards", 1);
var family = Enum.Parse<ModelFamilyChoice>(options.Text("--family", nameof(ModelFamilyChoice.BestOf)));
var work = Path.GetFullPath(options.Text("--work", Path.Combine(Path.GetTempPath(), "clickcast-bench-scale")));
var cli = reportFiles.Length > 0 ? Repository.Cli : PublishedCli.Resolve(work, args);
var timeout = TimeSpan.FromMinutes(double.Parse(options.Text("--timeout-minutes", "180"), CultureInfo.InvariantCulture));
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"Build first: dotnet build -c Release src/Clickcast.Cli ({cli} is missing)");
    return 2;
}

var runs = new List<ScaleRun>();
var generations = new List<string>();
var saved = Path.Combine(work, "scale-results.json");
var invocation = string.Join(' ', args.Where(a => a != "--write"));
if (reportFiles.Length > 0)
{
    // Rebuilds the section (tables and model) from a saved run without running anything.
    // Several files (comma-separated) merge: runs of different sizes measured by separate commands.
    foreach (var file in reportFiles)
    {
        var (more, notes, command0) = JsonSerializer.Deserialize<(List<ScaleRun>, List<string>, string)>(File.ReadAllText(file), Saved.Options);
        runs.AddRange(more);
        generations.AddRange(notes);
        invocation = invocation.StartsWith("--report", StringComparison.Ordinal) ? command0 : invocation + "` and `bench/run.sh scale " + command0;
    }

    sizes = [];
    Console.Error.WriteLine($"{runs.Count} run(s) read from {string.Join(",", reportFiles)} ({invocation})");
}

foreach (var size in sizes)
{
    var folder = Path.Combine(work, Sizes.Label(size));
    var avro = Path.Combine(folder, "avro");
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }

    var clients = Math.Max(1, (int)(size / 40));
    var given = options.Text("--avro", string.Empty);
    var generate = given.Length > 0
        ? new Timed(0, 0, 0, string.Empty)
        : Processes.Timed(folder, "dotnet", [cli, "generate", "--clients", Inv(clients), "--out", avro]);
    var files = Directory.GetFiles(given.Length > 0 ? given : avro, "*.avro").Order(StringComparer.Ordinal).Take(options.Number("--days", 100_000)).ToArray();
    var avroBytes = files.Sum(f => new FileInfo(f).Length);
    generations.Add(given.Length > 0
        ? $"{Sizes.Label(size)}: not timed, the first {files.Length} days of {given} ({Sizes.Mb(avroBytes)} of Avro)"
        : $"{Sizes.Label(size)}: {generate.Seconds:0} s, {Sizes.Mib(generate.PeakKib)} ({Sizes.Mb(avroBytes)} of Avro, {files.Length} files)");
    Console.Error.WriteLine($"{Sizes.Label(size)}: {files.Length} files, generated in {generate.Seconds:0.0} s");
    foreach (var workers in workerCounts)
    {
        var data = Path.Combine(folder, $"data-w{workers}");
        var run = await RunAsync(data, files, workers);
        runs.Add(run with { Size = size, AvroBytes = avroBytes, Processes = [.. run.Processes.Select(p => p with { Output = string.Empty })] });
        Console.Error.WriteLine(Report.Stages(runs[^1]));
        File.WriteAllText(saved, JsonSerializer.Serialize((runs, generations, invocation), Saved.Options));
        if (!args.Contains("--keep"))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    if (!args.Contains("--keep"))
    {
        Directory.Delete(folder, recursive: true);
    }
}

if (sizes.Length > 0)
{
    Console.Error.WriteLine($"Results saved in {saved}: `bench/run.sh scale --report {saved} [--write]` rebuilds the section from them.");
}

var command = $"bench/run.sh scale {invocation} --write";
var section = Report.Section(command, runs, generations, shards, family, ScaleModel.From(options));
Console.WriteLine(section);
if (args.Contains("--write"))
{
    BenchmarksDocument.Replace("scale", section);
}

return 0;

async Task<ScaleRun> RunAsync(string data, string[] files, int workers)
{
    Directory.CreateDirectory(data);
    var raw = BenchTenant.Apply(data, BenchTenant.Create(shards, family));
    // Hard links: landing costs no copy and no disk. They land before the workers start: one sensor poll sees them all.
    Processes.Check(Processes.Timed(data, "cp", ["-l", .. files, raw]));

    await using var database = MetadataDatabase.Sqlite(Path.Combine(data, "clickcast.db"), TimeProvider.System);
    var queue = new JobQueue(database, Options.Create(new JobOptions()), TimeProvider.System, NullLogger<JobQueue>.Instance);
    var started = Stopwatch.StartNew();
    var processes = Enumerable.Range(0, workers).Select(i => WorkerProcess.Start(cli, data, i)).ToList();
    var samples = new List<RssSample>();
    var owners = new Dictionary<long, int>();
    List<Job> jobs;
    var quiet = 0;
    try
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            var now = TimeProvider.System.GetUtcNow();
            samples.AddRange(processes.Select(p => p.Sample(now)).OfType<RssSample>());
            jobs = [.. await queue.ListAsync(new JobQuery { Limit = 1000 })];
            foreach (var job in jobs.Where(j => j.Status == JobStatus.Running && j.LeaseOwner is not null))
            {
                owners.TryAdd(job.Id, int.Parse(job.LeaseOwner!.Split(':')[1], CultureInfo.InvariantCulture));
            }
            var busy = jobs.Any(j => j.Status is JobStatus.Queued or JobStatus.Running);
            var exported = jobs.Any(j => ScaleRun.StageOf(j.Kind) == JobKind.Export && j.Status == JobStatus.Succeeded);
            if (jobs.Any(j => j.Status == JobStatus.DeadLettered))
            {
                throw new InvalidOperationException("A job was dead-lettered: " + string.Join("; ", jobs.Where(j => j.Status == JobStatus.DeadLettered).Select(j => $"{j.Kind} {j.LastError}")));
            }

            // Done: every file ingested, nothing queued or running, and an export finished (or training ended without a
            // model, e.g. too few labelled clients in the data, after which nothing follows).
            var trainedNothing = jobs.Any(j => j.Kind == JobKind.Train && j.Status == JobStatus.Succeeded && j.Outcome != RunOutcome.Succeeded);
            quiet = !busy && (exported || trainedNothing) && jobs.Count(j => j.Kind == JobKind.Ingest) >= files.Length ? quiet + 1 : 0;
            if (quiet >= 10)
            {
                break;
            }

            if (started.Elapsed > timeout)
            {
                throw new TimeoutException($"Not done in {timeout}: " + string.Join(", ", jobs.GroupBy(j => (j.Kind, j.Status)).Select(g => $"{g.Count()} {g.Key.Kind} {g.Key.Status}")));
            }
        }
    }
    catch
    {
        processes.ForEach(p => p.Stop());
        throw;
    }

    var root = Path.Combine(data, "objects", "tenants", "bench");
    var task = Path.Combine(root, "tasks", "checkout-7d");
    var bytes = new Dictionary<string, long>
    {
        ["raw"] = SizeOf(Path.Combine(root, "raw")),
        ["events"] = SizeOf(Path.Combine(root, "events")),
        ["sequences"] = SizeOf(Path.Combine(root, "sequences")),
        ["predictions"] = SizeOf(Path.Combine(task, "predictions")),
        ["exports"] = SizeOf(Path.Combine(task, "exports")),
    };
    var finished = processes.Select(p => p.Stop()).ToList();
    return new ScaleRun(0, 0, workers, jobs, owners, samples, finished, bytes, File.ReadAllText("/proc/loadavg").Split(' ')[0]);
}

static long SizeOf(string folder) => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

static string Inv(long value) => value.ToString(CultureInfo.InvariantCulture);

internal static class Saved
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { IncludeFields = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}

/// <summary>One size at one worker count: the job history, the RSS samples and the processes' GNU time figures.</summary>
internal sealed record ScaleRun(long Size, long AvroBytes, int Workers, List<Job> Jobs, Dictionary<long, int> Owners, List<RssSample> Samples, List<Timed> Processes, Dictionary<string, long> Bytes, string? LoadAtEnd = null)
{
    public static readonly JobKind[] Stages = [JobKind.Ingest, JobKind.Sequences, JobKind.Train, JobKind.Score, JobKind.Export];

    public long EventsRead => Jobs.Where(j => j.Kind == JobKind.Ingest).Sum(j => ResultNumber(j, "rowsRead"));

    /// <summary>Clients the last scoring run saw (everyone with a sequence).</summary>
    /// A sharded run's clients are the sum over its last run's shard jobs (each ScoreShard's "clients").
    public long Clients => Math.Max(
        Jobs.Where(j => j.Kind == JobKind.Score).Select(j => ResultNumber(j, "clientsSeen")).DefaultIfEmpty().Max(),
        Jobs.Where(j => j.Kind == JobKind.ScoreShard).GroupBy(j => j.ParentId).Select(g => g.Sum(j => ResultNumber(j, "clients"))).DefaultIfEmpty().Max());

    /// <summary>
    /// The stage a job counts for: a sharded tenant's shard jobs and commits count for the stage they split
    /// (SequencesShard and SequencesCommit for Sequences, ScoreShard and ScoreCommit for Score, ExportShard for Export).
    /// </summary>
    public static JobKind StageOf(JobKind kind) => kind switch
    {
        JobKind.SequencesShard or JobKind.SequencesCommit => JobKind.Sequences,
        JobKind.ScoreShard or JobKind.ScoreCommit => JobKind.Score,
        JobKind.ExportShard => JobKind.Export,
        _ => kind,
    };

    public long EventsKept => Jobs.Where(j => j.Kind == JobKind.Ingest).Sum(j => ResultNumber(j, "rowsKept"));

    public IEnumerable<Job> Of(JobKind kind) => Jobs.Where(j => StageOf(j.Kind) == kind && j.StartedAt is not null && j.FinishedAt is not null);

    /// <summary>First start to last end of the stage's jobs.</summary>
    public double Wall(JobKind kind) => Of(kind).Any() ? (Of(kind).Max(j => j.FinishedAt!.Value) - Of(kind).Min(j => j.StartedAt!.Value)).TotalSeconds : 0;

    /// <summary>The sum of the stage's job durations: its work, whatever the parallelism.</summary>
    public double JobSeconds(JobKind kind) => Of(kind).Sum(j => (j.FinishedAt!.Value - j.StartedAt!.Value).TotalSeconds);

    public double LongestJob(JobKind kind) => Of(kind).Select(j => (j.FinishedAt!.Value - j.StartedAt!.Value).TotalSeconds).DefaultIfEmpty().Max();

    /// <summary>End to end: the first job's start to the last job's end.</summary>
    public double TotalWall => (Jobs.Max(j => j.FinishedAt ?? j.CreatedAt) - Jobs.Where(j => j.StartedAt is not null).Min(j => j.StartedAt!.Value)).TotalSeconds;

    /// <summary>The highest RSS of any worker during an interval in which it ran a job of the stage.</summary>
    /// A job is charged to its worker when a poll saw it running there; a job too short to be seen, to every worker.
    /// Intervals wholly inside one of the stage's jobs only (an interval that also covers the end of the previous job
    /// carries that job's peak): the overlapping ones only when no job of the stage is long enough to hold a whole
    /// interval. (A sharded Score's plan job takes milliseconds; its overlapping interval would carry Train's peak.)
    public long PeakKib(JobKind kind)
    {
        var inside = Of(kind).SelectMany(Inside).ToList();
        return (inside.Count > 0 ? inside : Of(kind).SelectMany(Overlapping)).Select(s => s.PeakKib).DefaultIfEmpty().Max();
    }

    private List<RssSample> Inside(Job job) =>
        [.. Samples.Where(s => s.From >= job.StartedAt && s.To <= job.FinishedAt && Owners.GetValueOrDefault(job.Id, s.Pid) == s.Pid)];

    private IEnumerable<RssSample> Overlapping(Job job) =>
        Samples.Where(s => job.StartedAt < s.To && job.FinishedAt > s.From && Owners.GetValueOrDefault(job.Id, s.Pid) == s.Pid);

    /// <summary>
    /// The workers' CPU time (user + system) over the intervals in which they ran a job of the stage: the stage's work
    /// whatever the machine's load (an interval in which a worker ended one job and began another counts for both).
    /// </summary>
    public double CpuSeconds(JobKind kind) => During(kind).Sum(s => s.CpuSeconds);

    /// <summary>
    /// Each worker's peak RSS: the highest of its sampled VmHWM. Not GNU time's: its maximum RSS is the kernel's
    /// high-water mark, which every sample resets (clear_refs), so it only covers the time after the last sample.
    /// </summary>
    public IEnumerable<long> ProcessPeaksKib => Samples.GroupBy(s => s.Pid).OrderBy(g => g.Key).Select(g => g.Max(s => s.PeakKib));

    /// <summary>Whether the run sampled CPU time (runs saved before it did not).</summary>
    public bool HasCpu => Samples.Any(s => s.CpuSeconds > 0);

    /// <summary>The stage's CPU time as text; "—" for a run saved before CPU was sampled.</summary>
    public string Cpu(JobKind kind) => HasCpu ? Sizes.Duration(CpuSeconds(kind)) : "—";

    private IEnumerable<RssSample> During(JobKind kind) => Samples
        .Where(s => Of(kind).Any(j => j.StartedAt < s.To && j.FinishedAt > s.From && Owners.GetValueOrDefault(j.Id, s.Pid) == s.Pid));

    private static long ResultNumber(Job job, string name)
    {
        if (job.Result is null)
        {
            return 0;
        }

        using var json = JsonDocument.Parse(job.Result);
        return json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
    }
}

/// <summary>The peak RSS of one process between two reads of its VmHWM (reset after each read).</summary>
/// CpuSeconds: the process's user + system CPU time over the same interval (/proc/PID/stat); 0 in runs saved before it was sampled.
internal sealed record RssSample(int Pid, DateTimeOffset From, DateTimeOffset To, long PeakKib, double CpuSeconds = 0);

/// <summary>Wall time and peak RSS of one process from GNU time.</summary>
internal sealed record Timed(double Seconds, long PeakKib, int ExitCode, string Output);

/// <summary>A `clickcast worker` under GNU time, its RSS peak sampled through /proc.</summary>
internal sealed class WorkerProcess
{
    private readonly Process _time;
    private readonly string _timing;
    private readonly StringBuilder _output = new();
    private int _pid;
    private long _peakKib;
    private DateTimeOffset _last = TimeProvider.System.GetUtcNow();
    private long _lastCpuTicks;

    private WorkerProcess(Process time, string timing)
    {
        _time = time;
        _timing = timing;
    }

    public static WorkerProcess Start(string cli, string data, int index)
    {
        // Each worker has its own working and temp folder: they share only the store and the database.
        var own = Directory.CreateDirectory(Path.Combine(data, $"worker-{index}")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(own, "tmp")).FullName;
        var timing = Path.Combine(own, "time.txt");
        var start = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", "-o", timing, "dotnet", cli, "--data", data, "worker"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = own,
        };
        start.Environment["TMPDIR"] = temp;
        start.Environment["COLUMNS"] = "200";
        ClickcastProcess.PollFast(start);
        var worker = new WorkerProcess(Process.Start(start)!, timing);
        worker._time.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker._time.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker._time.BeginOutputReadLine();
        worker._time.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Reads the worker's peak RSS since the last read and resets it; null before the worker exists.</summary>
    public RssSample? Sample(DateTimeOffset now)
    {
        try
        {
            if (_pid == 0)
            {
                var children = File.ReadAllText($"/proc/{_time.Id}/task/{_time.Id}/children").Trim();
                if (children.Length == 0)
                {
                    return null;
                }

                _pid = int.Parse(children.Split(' ')[0], CultureInfo.InvariantCulture);
            }

            var line = File.ReadLines($"/proc/{_pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            File.WriteAllText($"/proc/{_pid}/clear_refs", "5");
            // utime and stime: fields 14 and 15 of /proc/PID/stat, the 12th and 13th after the command's closing parenthesis; 100 ticks a second.
            var stat = File.ReadAllText($"/proc/{_pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpuTicks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var sample = new RssSample(_pid, _last, now, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture), (cpuTicks - _lastCpuTicks) / 100.0);
            _lastCpuTicks = cpuTicks;
            _last = now;
            _peakKib = Math.Max(_peakKib, sample.PeakKib);
            return sample;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Stops the worker as a service manager would (SIGTERM: a background shell ignores SIGINT for its children), and returns GNU time's figures.</summary>
    public Timed Stop()
    {
        if (_pid != 0)
        {
            Process.Start("kill", ["-TERM", _pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        }

        if (!_time.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            _time.Kill(entireProcessTree: true);
            _time.WaitForExit();
        }

        // GNU time's line; if it wrote none (killed), the highest VmHWM sampled (reset at each sample, so their maximum is the peak).
        var parts = (File.Exists(_timing) ? File.ReadAllText(_timing) : string.Empty).Trim().Split('\n')[^1].Split(' ');
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var seconds) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kib)
            ? new Timed(seconds, kib, _time.ExitCode, _output.ToString())
            : new Timed(0, _peakKib, _time.ExitCode, "no GNU time line: peak from the samples\n" + _output);
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

internal static class Processes
{
    public static Timed Timed(string folder, string file, string[] arguments)
    {
        var measured = GnuTime.Run(file, arguments, folder);
        return new Timed(measured.Seconds, measured.PeakKib, measured.ExitCode, measured.Output);
    }

    public static void Check(Timed timed)
    {
        if (timed.ExitCode != 0)
        {
            throw new InvalidOperationException($"exit code {timed.ExitCode}:\n{timed.Output}");
        }
    }
}

/// <summary>The tables of docs/benchmarks.md's scale section.</summary>
internal static class Report
{
    public static string Stages(ScaleRun run)
    {
        var text = new StringBuilder();
        text.AppendLine($"{Sizes.Label(run.Size)}, {run.Workers} worker(s): {run.EventsRead:N0} events read, {run.Clients:N0} clients scored, {Sizes.Duration(run.TotalWall)} end to end");
        foreach (var stage in ScaleRun.Stages)
        {
            text.AppendLine($"  {stage}: {run.Of(stage).Count()} job(s), wall {Sizes.Duration(run.Wall(stage))}, in jobs {Sizes.Duration(run.JobSeconds(stage))}, CPU {run.Cpu(stage)}, peak {Sizes.Mib(run.PeakKib(stage))}");
        }

        return text.ToString();
    }

    public static string Section(string command, List<ScaleRun> runs, List<string> generations, int shards, ModelFamilyChoice family, ScaleModel model)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Command: `{command}` — one run per size and worker count on {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}, {(runs.LastOrDefault(r => r.LoadAtEnd is not null)?.LoadAtEnd is { } load ? $"load average {load} at the end of the last run" : "load average not recorded in the saved runs")}."));
        text.AppendLine($"Tenant: Shards = {shards}, one task (`checkout-7d`, model family {family}, embedded defaults otherwise), a Files export. Workers are");
        text.AppendLine("`clickcast worker` processes sharing the local store and its SQLite database, each with its own working and temp folder,");
        text.AppendLine(command.Contains("--build-output", StringComparison.Ordinal)
            ? "run from the plain `dotnet build -c Release` output (no ReadyToRun)."
            : "run from the CLI published as operators run it (`dotnet publish -r RID`: start-up assemblies ReadyToRun; before 2026-12-04 23:00 UTC the build output).");
        text.AppendLine("Stage wall = first job start to last job end; in jobs = the sum of the stage's job durations; CPU = the workers'");
        text.AppendLine("user + system time (/proc/PID/stat) over the 200 ms intervals in which they ran a job of the stage, the figure to");
        text.AppendLine("compare on a loaded machine; peak RSS = the highest VmHWM of a worker over the intervals wholly inside the stage's");
        text.AppendLine("jobs (one that also covers the previous job's end would carry that job's peak; only if none of the stage's jobs");
        text.AppendLine("holds a whole interval, the overlapping ones); process peak = the highest sample. A sharded tenant's shard jobs and");
        text.AppendLine("commits count for the stage they split (SequencesShard/SequencesCommit, ScoreShard/ScoreCommit, ExportShard).");
        text.AppendLine("After a job a worker returns its heap to the OS when more than `Jobs:ReleaseMemoryAboveMiB` is committed or the job grew it by");
        text.AppendLine("more than `Jobs:ReleaseMemoryGrowthMiB` (docs/jobs.md), so a stage's peak is mostly its own, not the previous stage's left in the process. Workers poll as bench/pipeline.cs's do (sensor 1 s, queue");
        text.AppendLine("0.2 s, `Pipeline.SequencesDebounce` 0), so each ingested file triggers its own sequence update: the Sequences rows");
        text.AppendLine("are that chain of incremental updates, more work than one build over all the files.");
        text.AppendLine($"Generator (`clickcast generate`, one process): {string.Join("; ", generations)}.");
        text.AppendLine();
        text.AppendLine("| events | workers | stage | jobs | wall | in jobs | CPU | peak RSS |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            foreach (var stage in ScaleRun.Stages)
            {
                text.AppendLine($"| {Sizes.Label(run.Size)} ({run.EventsRead:N0} read, {run.Clients:N0} clients) | {run.Workers} | {stage} | {run.Of(stage).Count()} | {Sizes.Duration(run.Wall(stage))} | {Sizes.Duration(run.JobSeconds(stage))} | {run.Cpu(stage)} | {Sizes.Mib(run.PeakKib(stage))} |");
            }

            text.AppendLine($"| {Sizes.Label(run.Size)} | {run.Workers} | **end to end** | {run.Jobs.Count} | **{Sizes.Duration(run.TotalWall)}** | {Sizes.Duration(ScaleRun.Stages.Sum(run.JobSeconds))} | {(run.HasCpu ? Sizes.Duration(ScaleRun.Stages.Sum(run.CpuSeconds)) : "—")} | processes: {string.Join(", ", run.ProcessPeaksKib.Select(Sizes.Mib))} |");
        }

        text.AppendLine();
        var single = runs.Where(r => r.Workers == runs.Min(x => x.Workers)).OrderBy(r => r.Size).ToList();
        if (single.Count > 1)
        {
            text.AppendLine($"Flatness, peak RSS per stage with {single[0].Workers} worker(s):");
            text.AppendLine();
            text.AppendLine($"| stage | {string.Join(" | ", single.Select(r => Sizes.Label(r.Size)))} | {Sizes.Label(single[^1].Size)} / {Sizes.Label(single[0].Size)} |");
            text.AppendLine($"|---|{string.Concat(single.Select(_ => "---:|"))}---:|");
            foreach (var stage in ScaleRun.Stages)
            {
                var first = Math.Max(1, single[0].PeakKib(stage));
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {string.Join(" | ", single.Select(r => Sizes.Mib(r.PeakKib(stage))))} | ×{single[^1].PeakKib(stage) / (double)first:0.00} |"));
            }

            text.AppendLine();
        }

        var sizes = runs.Select(r => r.Size).Distinct().ToList();
        var speedups = sizes.Select(size => runs.Where(r => r.Size == size).OrderBy(r => r.Workers).ToList()).Where(g => g.Count > 1).ToList();
        foreach (var group in speedups)
        {
            text.AppendLine($"{Sizes.Label(group[0].Size)}, {group[0].Workers} vs {group[^1].Workers} workers (wall-time ratio, above 1: more workers are faster): " + string.Join(", ", ScaleRun.Stages.Append((JobKind)(-1)).Select(stage =>
                stage == (JobKind)(-1)
                    ? string.Create(CultureInfo.InvariantCulture, $"end to end ×{group[0].TotalWall / group[^1].TotalWall:0.00}")
                    : string.Create(CultureInfo.InvariantCulture, $"{stage} ×{group[0].Wall(stage) / Math.Max(0.001, group[^1].Wall(stage)):0.00}"))) + ".");
        }

        text.AppendLine();
        text.AppendLine(model.Describe(single.Count > 0 ? single[^1] : runs[^1]));
        return text.ToString();
    }
}

/// <summary>
/// What a tenant of <see cref="Events"/> events and <see cref="Clients"/> clients would take on <see cref="Workers"/>
/// workers, extrapolated from a measured run (its per-stage time in jobs) under stated assumptions: each worker is a
/// host like the measuring one running one job at a time; a stage's work grows linearly with its input (events
/// for ingest and sequences, clients for training, scoring and export); the jobs of a stage spread over the workers
/// (ingest: one job per file; sequences, scoring and export: one job per shard once sharded, one job in all today);
/// a sharded stage adds a serial commit (reading the shard records, writing the pointer) costed at
/// <see cref="CommitSeconds"/>; a stage is never faster than its bytes moved through the object store at
/// <see cref="StoreMBps"/> aggregate; the queue claims <see cref="ClaimsPerSecond"/> jobs a second.
/// </summary>
internal sealed record ScaleModel(long Events, long Clients, int Workers, int Shards, double StoreMBps, double ClaimsPerSecond, double CommitSeconds, long TrainingClients)
{
    public static ScaleModel From(BenchArguments options)
    {
        double Number(string name, string fallback) => double.Parse(options.Text(name, fallback), CultureInfo.InvariantCulture);
        return new ScaleModel(
            Sizes.Parse(options.Text("--model-events", "1B")),
            Sizes.Parse(options.Text("--model-clients", "100M")),
            (int)Number("--model-workers", "16"),
            (int)Number("--model-shards", "64"),
            Number("--store-mbps", "1000"),
            Number("--claims-per-second", "200"),
            Number("--commit-seconds", "2"),
            Sizes.Parse(options.Text("--model-training-clients", "2M")));
    }

    /// <summary>Seconds of one stage at the model's scale: (work, parallel units, compute-bound, store-bound, total).</summary>
    public (double Work, long Units, double Compute, double Store, double Total) Stage(ScaleRun run, JobKind stage, bool sharded)
    {
        var measuredClients = Math.Max(1, run.Clients);
        var byEvents = Events / (double)Math.Max(1, run.EventsRead);
        var byClients = Clients / (double)measuredClients;
        // Training reads at most model.maxTrainingClients clients (a sample drawn evenly from every shard), so it scales with the sample.
        var bySample = Math.Min(Clients, TrainingClients) / (double)Math.Min(measuredClients, TrainingClients);
        var factor = stage switch
        {
            JobKind.Ingest or JobKind.Sequences => byEvents,
            JobKind.Train => bySample,
            _ => byClients,
        };
        var work = run.JobSeconds(stage) * factor;
        var files = run.Of(JobKind.Ingest).Count();
        var units = stage switch
        {
            JobKind.Ingest => (long)Math.Ceiling(files * byEvents),
            JobKind.Train => 1,
            _ => sharded ? Shards : 1,
        };
        var compute = work / Math.Min(Workers, units) + (sharded && stage is JobKind.Sequences or JobKind.Score or JobKind.Export ? CommitSeconds : 0);
        var moved = stage switch
        {
            JobKind.Ingest => run.Bytes["raw"] + run.Bytes["events"],
            JobKind.Sequences => run.Bytes["events"] + run.Bytes["sequences"],
            JobKind.Train => 0,
            JobKind.Score => run.Bytes["sequences"] + run.Bytes["predictions"],
            _ => run.Bytes["predictions"] + run.Bytes["exports"],
        } * factor;
        var store = moved / 1e6 / StoreMBps;
        return (work, units, compute, store, Math.Max(compute, store));
    }

    public string Describe(ScaleRun run)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"### N-worker model: {Sizes.Label(Events)} events, {Sizes.Label(Clients)} clients, {Workers} workers"));
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Computed by bench/scale.cs from the {Sizes.Label(run.Size)} run with {run.Workers} worker(s) ({run.EventsRead:N0} events, {run.Clients:N0} clients) (measured: each stage's time in jobs, the bytes each stage read and wrote); everything else is extrapolated. Assumptions (options of the bench): each worker is a host like this one ({Environment.ProcessorCount} cores) running one job at a time; a stage's work grows linearly with its input (events for ingest and sequences, clients for score and export; for train, the clients it reads, at most `model.maxTrainingClients` = {TrainingClients:N0}, `--model-training-clients`); ingest has one job per file ({run.Of(JobKind.Ingest).Count()} files measured, files of the same size at scale); with sharding, sequences, score and export are one job per shard ({Shards} shards) plus a serial commit of {CommitSeconds:0} s; train is one job; a stage takes at least its bytes read and written over the object store's aggregate throughput ({StoreMBps:0} MB/s, `--store-mbps`); the queue claims {ClaimsPerSecond:0} jobs/s (`--claims-per-second`)."));
        text.AppendLine();
        text.AppendLine("| stage | work at scale (one worker) | parallel jobs, today → sharded | today: wall on the workers | sharded: compute / store-bound / wall |");
        text.AppendLine("|---|---:|---|---:|---:|");
        double today = 0, sharded = 0;
        long jobs = 0;
        foreach (var stage in ScaleRun.Stages)
        {
            var now = Stage(run, stage, sharded: false);
            var later = Stage(run, stage, sharded: true);
            today += now.Total;
            sharded += later.Total;
            jobs += later.Units + (later.Units > 1 && stage != JobKind.Ingest ? 1 : 0);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {Sizes.Duration(now.Work)} | {now.Units:N0} → {later.Units:N0} | {Sizes.Duration(now.Total)} | {Sizes.Duration(later.Compute)} / {Sizes.Duration(later.Store)} / {Sizes.Duration(later.Total)} |"));
        }

        var claims = jobs / ClaimsPerSecond;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| **end to end** | {Sizes.Duration(ScaleRun.Stages.Sum(s => Stage(run, s, false).Work))} | | **{Sizes.Duration(today)}** | **{Sizes.Duration(sharded + claims)}** (with {jobs:N0} claims: {claims:0.0} s) |"));
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Training reads at most `model.maxTrainingClients` clients ({TrainingClients:N0} by default; beyond, the same number from every client-hash shard), so its row grows with that sample, not with the {Sizes.Label(Clients)} clients: {Sizes.Duration(Stage(run, JobKind.Train, false).Work)}, one job that sharding does not spread."));
        return text.ToString();
    }
}
