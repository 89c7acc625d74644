#:project ../src/Clickcast.Torch/Clickcast.Torch.csproj
#:property TieredPGO=true

// GRU training and scoring throughput (sequences per second) on clickstream-like chains, at 1 and 2 libtorch threads,
// comparing how the final state is taken (gathered vs packed) and how training batches are formed (length-bucketed vs
// random). Prints a markdown table and, with --write, puts it into docs/benchmarks.md between its markers.
//
//   dotnet run bench/torch-throughput.cs -c Release -- [--sequences 12000] [--runs 3] [--threads 1,2] [--quick] [--write]
//
// --quick measures only gathered, bucketed training (one thread, and the batch split across two) and the peer.
//
// Each training figure is the median over runs of the second epoch (the first warms up allocators and the JIT) of
// one Train call on the given sequences with a 256-sequence validation set; each scoring figure is the median over
// runs of one Score call on all sequences after a warm-up call. In the same run, the peer (bench/peers/torch_gru.py):
// the same network in Debian's PyTorch 1.13 on the same chains, with torch at 1 thread + OpenBLAS at 2 (the fair
// setting on 2 cores) and at 2 + 2 (oversubscribed, for reference). --no-peer skips it. The peer's OpenBLAS kernel is
// pinned to the best this CPU supports (OPENBLAS_CORETYPE from /proc/cpuinfo, unless already set): Debian's 0.3.21
// runs its generic "Prescott" kernel on CPUs it does not recognise, at half speed. The kernel the peer reports
// (openblas_get_corename) is printed beside its figures.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clickcast.Torch;
using Clickcast.Torch.Network;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;

var sequences = Option("--sequences", 12_000);
var batchSize = Option("--batch", 256);
var runs = Option("--runs", 3);
var quick = args.Contains("--quick");
const string DataParallel = "gathered, bucketed, batch split across 2 threads (TrainingParallelism = 2)";
var threadCounts = OptionText("--threads", "1,2").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
const int vocabularySize = 5000;
var model = new GruModelOptions { EmbeddingSize = 64, HiddenSize = 128, Layers = 1, Dropout = 0.1, MaxSequenceLength = 200 };

var random = new Random(42);
var training = Enumerable.Range(0, sequences).Select(_ => Example(random)).ToList();
var validation = Enumerable.Range(0, 256).Select(_ => Example(random)).ToList();
var chains = training.Select(e => e.Sequence).ToList();
var meanLength = chains.Average(c => c.Length);
var p50 = chains.Select(c => c.Length).Order().ElementAt(chains.Count / 2);
var p99 = chains.Select(c => c.Length).Order().ElementAt(chains.Count * 99 / 100);
Console.Error.WriteLine($"{sequences} chains, mean length {meanLength:0.0}, median {p50}, p99 {p99}, cap 200; {runs} run(s) each");

var rows = new List<string>();
foreach (var threads in threadCounts)
{
    var torch = new TorchOptions { Threads = threads };
    var variants = new List<(string Name, FinalState State, bool Bucketed, int Parts)>
    {
        ("gathered, bucketed", FinalState.Gather, true, 1),
        ("packed, bucketed", FinalState.Packed, true, 1),
        ("gathered, random batches", FinalState.Gather, false, 1),
    };
    if (threads == 1)
    {
        // Each batch split in two, each half's forward and backward on its own thread (one intra-op thread each),
        // gradients summed into one step: the default on 2 cores (GruSettings.TrainingParallelism 0 = cores ÷ threads).
        variants.Insert(1, (DataParallel, FinalState.Gather, true, 2));
    }

    if (quick)
    {
        variants.RemoveAll(v => v.State != FinalState.Gather || !v.Bucketed);
    }

    foreach (var (name, state, bucketed, parts) in variants)
    {
        var rates = new List<double>();
        ResetPeakRss();
        for (var run = 0; run < runs; run++)
        {
            var trainer = new GruTrainer(new TorchOptions { Threads = threads, TrainingParallelism = parts }, TimeProvider.System, NullLogger<GruTrainer>.Instance) { FinalState = state, BucketBatches = bucketed };
            var options = new GruTrainingOptions { MaxEpochs = 2, EarlyStoppingPatience = 10, BatchSize = batchSize, Seed = run + 1 };
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var result = trainer.Train(training, validation, vocabularySize, model, options);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            result.Model.Dispose();
            rates.Add(result.Epochs[^1].Sequences / result.Epochs[^1].Duration.TotalSeconds);

            // CPU time per trained sequence over the whole call (2 epochs and their validation): on a loaded machine
            // the wall-clock rate says little, the CPU cost per sequence still shows a variant's efficiency.
            Console.Error.WriteLine($"train {threads}t {name}: {rates[^1]:0} seq/s; whole call {wall.Elapsed.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s CPU, {cpu.TotalMilliseconds * 1000 / (2.0 * training.Count):0} CPU ms per 1k sequences");
        }

        rows.Add(Row("training", threads, name, rates, PeakRssMib()));
    }

    if (quick)
    {
        continue;
    }

    using var scorer = new GruTrainer(torch, TimeProvider.System, NullLogger<GruTrainer>.Instance)
        .Train(training.Take(512).ToList(), validation, vocabularySize, model, new GruTrainingOptions { MaxEpochs = 1 }).Model;
    foreach (var (name, state) in new[] { ("gathered, length-sorted", FinalState.Gather), ("packed, length-sorted", FinalState.Packed) })
    {
        scorer.Network.FinalState = state;
        scorer.Score(chains.Take(2048).ToList());
        var rates = new List<double>();
        ResetPeakRss();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            scorer.Score(chains);
            rates.Add(chains.Count / clock.Elapsed.TotalSeconds);
            Console.Error.WriteLine($"score {threads}t {name}: {rates[^1]:0} seq/s");
        }

        rows.Add(Row("scoring", threads, name, rates, PeakRssMib()));
    }

    if (threads == 1)
    {
        // Two batches at once, each on one intra-op thread: both cores busy without waking a second libtorch
        // thread for every operation.
        using var parallelScorer = new GruTrainer(new TorchOptions { Threads = 1, ScoringParallelism = 2 }, TimeProvider.System, NullLogger<GruTrainer>.Instance)
            .Train(training.Take(512).ToList(), validation, vocabularySize, model, new GruTrainingOptions { MaxEpochs = 1 }).Model;
        parallelScorer.Score(chains.Take(2048).ToList());
        var rates = new List<double>();
        ResetPeakRss();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            parallelScorer.Score(chains);
            rates.Add(chains.Count / clock.Elapsed.TotalSeconds);
            Console.Error.WriteLine($"score 1t x 2 batches packed: {rates[^1]:0} seq/s");
        }

        rows.Add(Row("scoring", threads, "packed, length-sorted, 2 batches at once (ScoringParallelism = 2)", rates, PeakRssMib()));
    }
}

// The peer: the same network in Debian's PyTorch on the same chains, thread counts set explicitly.
var peerRows = new List<string>();
var presetCore = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } set ? set : null;
var pinnedCore = presetCore ?? BestOpenBlasCore(File.ReadAllText("/proc/cpuinfo"));
var pinnedHow = presetCore is null ? "chosen from /proc/cpuinfo's flags" : "as set in the environment";
var peerCores = new SortedSet<string>(StringComparer.Ordinal);
var ours = rows.ToDictionary(r => r.Split('|')[1].Trim() + "|" + r.Split('|')[2].Trim() + "|" + r.Split('|')[3].Trim(), r => double.Parse(r.Split('|')[4].Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
if (!args.Contains("--no-peer"))
{
    var chainsFile = Path.Combine(Path.GetTempPath(), "clickcast-torch-chains.bin");
    WriteChains(chainsFile, training);
    foreach (var (torchThreads, blasThreads) in new[] { (1, 2), (2, 2) })
    {
        var peer = RunPeer(chainsFile, torchThreads, blasThreads, runs, pinnedCore);
        if (peer is null)
        {
            continue;
        }

        var label = $"PyTorch 1.13 (Debian), torch {torchThreads} thread(s) + OpenBLAS {blasThreads} ({peer.Value.BlasCore} kernel)";
        peerCores.Add(peer.Value.BlasCore);
        if (!string.Equals(peer.Value.BlasCore, pinnedCore, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"peer runs OpenBLAS kernel {peer.Value.BlasCore}, not the pinned {pinnedCore ?? "(none)"}");
        }

        peerRows.Add(Row("training", torchThreads, label, peer.Value.Train, peer.Value.PeakRssMib));
        peerRows.Add(Row("scoring", torchThreads, label, peer.Value.Score, peer.Value.PeakRssMib));
    }

    File.Delete(chainsFile);
}

// Clickcast's defaults (GruSettings) on 2 cores: one intra-op thread; training splits each batch across two threads,
// scoring runs two batches at once.
var train2 = ours.GetValueOrDefault("training|1|" + DataParallel);
var score2 = ours.GetValueOrDefault("scoring|1|packed, length-sorted, 2 batches at once (ScoringParallelism = 2)");
var comparison = new StringBuilder();
foreach (var row in peerRows)
{
    var cells = row.Split('|');
    var median = double.Parse(cells[4].Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    var mine = cells[1].Trim() == "training" ? train2 : score2;
    if (mine == 0)
    {
        continue;
    }

    comparison.AppendLine(CultureInfo.InvariantCulture, $"- {cells[1].Trim()} vs {cells[3].Trim()}: Clickcast with its defaults {mine:N0} seq/s vs peer {median:N0} seq/s, ratio ×{mine / median:0.00}");
}

var table = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"GRU emb 64 / hidden 128 / 1 layer, vocabulary {vocabularySize}, {sequences} chains (lengths log-normal, mean {meanLength:0.0}, median {p50}, p99 {p99}, cap 200), batch {batchSize} (training) / 1024 (scoring), {runs} run(s), OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE (set by Clickcast.Torch)"}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.")
    .AppendLine()
    .AppendLine("| what | threads | variant | median seq/s | runs (seq/s) | peak RSS |")
    .AppendLine("| --- | ---: | --- | ---: | --- | ---: |");
rows.ForEach(row => table.AppendLine(row));
peerRows.ForEach(row => table.AppendLine(row));
if (comparison.Length > 0)
{
    table.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Peer BLAS: OpenBLAS kernel pinned with OPENBLAS_CORETYPE={pinnedCore ?? "(unset: no known kernel for this CPU)"} ({pinnedHow}); the peer reported {string.Join(", ", peerCores)} (openblas_get_corename).");
    table.AppendLine().AppendLine("Peak RSS: for Clickcast, the process's peak while that variant ran (the peak is reset before each, so it includes the 12,000 chains and libtorch, about the same for every row); for the peer, its whole process (training and scoring).");
    table.AppendLine().AppendLine("Ratios against the peer in the same run (above 1: Clickcast is faster), Clickcast with its defaults: one libtorch thread, training each batch split across two threads, scoring two batches at once:").AppendLine().Append(comparison);
}

Console.WriteLine(table);

if (args.Contains("--write"))
{
    var path = Path.Combine(Path.GetDirectoryName(SourceFile())!, "..", "docs", "benchmarks.md");
    const string start = "<!-- torch-throughput:start -->";
    const string end = "<!-- torch-throughput:end -->";
    var section = $"{start}\n## GRU throughput (bench/torch-throughput.cs)\n\n{table}{end}";
    var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
    var from = text.IndexOf(start, StringComparison.Ordinal);
    var to = text.IndexOf(end, StringComparison.Ordinal);
    text = from >= 0 && to > from ? text[..from] + section + text[(to + end.Length)..] : text.TrimEnd() + "\n\n" + section + "\n";
    File.WriteAllText(path, text);
}

static void WriteChains(string path, IReadOnlyList<LabeledSequence> chains)
{
    using var writer = new BinaryWriter(File.Create(path));
    writer.Write(chains.Count);
    writer.Write(EncodedSequence.FeatureCount);
    writer.Write(vocabularySize);
    foreach (var chain in chains)
    {
        writer.Write(chain.Sequence.Length);
        foreach (var id in chain.Sequence.TokenIds)
        {
            writer.Write(id);
        }

        foreach (var feature in chain.Sequence.Features)
        {
            writer.Write(feature);
        }

        writer.Write((byte)(chain.IsPositive ? 1 : 0));
    }
}

static (List<double> Train, List<double> Score, long PeakRssMib, string BlasCore)? RunPeer(string chainsFile, int torchThreads, int blasThreads, int runs, string? blasCore)
{
    var script = Path.Combine(Path.GetDirectoryName(SourceFile())!, "peers", "torch_gru.py");
    if (!File.Exists("/usr/bin/python3"))
    {
        Console.Error.WriteLine("peer skipped: /usr/bin/python3 missing (bench/run.sh torch installs python3-torch)");
        return null;
    }

    var start = new ProcessStartInfo("/usr/bin/python3", [script, chainsFile, "--torch-threads", torchThreads.ToString(CultureInfo.InvariantCulture), "--runs", runs.ToString(CultureInfo.InvariantCulture)])
    {
        RedirectStandardOutput = true,
    };
    start.Environment["OPENBLAS_NUM_THREADS"] = blasThreads.ToString(CultureInfo.InvariantCulture);
    start.Environment["OMP_NUM_THREADS"] = torchThreads.ToString(CultureInfo.InvariantCulture);
    if (blasCore is not null)
    {
        start.Environment["OPENBLAS_CORETYPE"] = blasCore;
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        Console.Error.WriteLine($"peer failed with exit code {process.ExitCode}");
        return null;
    }

    using var json = System.Text.Json.JsonDocument.Parse(output.Trim().Split('\n')[^1]);
    return (json.RootElement.GetProperty("train").EnumerateArray().Select(e => e.GetDouble()).ToList(),
        json.RootElement.GetProperty("score").EnumerateArray().Select(e => e.GetDouble()).ToList(),
        json.RootElement.GetProperty("peak_rss_kib").GetInt64() / 1024,
        json.RootElement.TryGetProperty("blas_core", out var core) ? core.GetString() ?? "unknown" : "unknown");
}

// The best OpenBLAS kernel (OPENBLAS_CORETYPE) for the CPU's flags in /proc/cpuinfo: float32 GEMM runs the same
// AVX-512 kernels in Cooperlake and SkylakeX, Cooperlake adds bf16; null when no x86 kernel fits (other
// architectures: OpenBLAS's own detection).
static string? BestOpenBlasCore(string cpuinfo)
{
    var line = cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
    if (line is null)
    {
        return null;
    }

    var flags = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    return flags switch
    {
        _ when flags.Contains("avx512f") && flags.Contains("avx512bw") && flags.Contains("avx512_bf16") => "Cooperlake",
        _ when flags.Contains("avx512f") && flags.Contains("avx512bw") && flags.Contains("avx512vl") => "SkylakeX",
        _ when flags.Contains("avx2") && flags.Contains("fma") => "Haswell",
        _ when flags.Contains("avx") => "SandyBridge",
        _ when flags.Contains("ssse3") => "Core2",
        _ when flags.Contains("pni") => "Prescott",
        _ => null,
    };
}

static string Row(string what, int threads, string variant, List<double> rates, long peakRssMib)
{
    var median = rates.Order().ElementAt(rates.Count / 2);
    return string.Create(CultureInfo.InvariantCulture, $"| {what} | {threads} | {variant} | {median:N0} | {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} | {peakRssMib:N0} MiB |");
}

// Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM) to its current RSS.
static void ResetPeakRss()
{
    try
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"peak RSS not reset ({e.Message}): figures are the process's peak so far");
    }
}

static long PeakRssMib() =>
    long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

// Clickstream-like: heavy-tailed lengths (log-normal, mean about 20 before the cap) and Zipf-like token popularity.
static LabeledSequence Example(Random random)
{
    var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    var length = (int)Math.Clamp(Math.Round(Math.Exp(2.4957 + normal)), 1, 200);
    var ids = new int[length];
    var features = new float[length * EncodedSequence.FeatureCount];
    for (var t = 0; t < length; t++)
    {
        ids[t] = Vocabulary.UnknownId + 1 + (int)Math.Min(vocabularySize - 3, Math.Pow(vocabularySize - 2, random.NextDouble()) - 1);
        for (var f = 0; f < EncodedSequence.FeatureCount; f++)
        {
            features[(t * EncodedSequence.FeatureCount) + f] = (float)((random.NextDouble() * 2) - 1);
        }
    }

    return new LabeledSequence(new EncodedSequence(ids, features), random.NextDouble() < 0.1);
}

int Option(string name, int fallback) => int.Parse(OptionText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
