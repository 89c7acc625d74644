#:project ../src/Clickcast.Torch/Clickcast.Torch.csproj
#:property TieredPGO=true

// How libgomp's waiting policy and libtorch's thread count hold up when another process wants a core: GRU training
// (emb 64 / hidden 128, 12,000 generated chains, second of two epochs) at 1 and 2 libtorch threads, with the
// threads waiting passively (Clickcast's default, OMP_WAIT_POLICY=PASSIVE) or spinning first (GOMP_SPINCOUNT),
// on a quiet machine and beside one busy process. libgomp reads its environment once, so every configuration
// runs in a child process of this program.
//
// Training data-parallel (each batch split across 2 threads of 1 libtorch thread each, the default on 2 cores) runs
// beside them with passive waiting. --passive-only skips the spinning rows.
//
//   bench/run.sh torch-wait [--sequences 12000] [--runs 3] [--spin 100000] [--passive-only] [--write]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clickcast.Torch;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;

if (args.Length > 0 && args[0] == "--child")
{
    return Child(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));
}

var sequences = Option("--sequences", 12_000);
var runs = Option("--runs", 3);
var spin = Option("--spin", 100_000);
var passiveOnly = args.Contains("--passive-only");
var self = Environment.ProcessPath!;
var rows = new StringBuilder();
rows.AppendLine("| machine | libgomp waiting | libtorch threads | median seq/s | runs (seq/s) |").AppendLine("|---|---|---:|---:|---|");
foreach (var busy in new[] { false, true })
{
    using var competitor = busy ? Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"])) : null;
    foreach (var spinning in passiveOnly ? [false] : new[] { false, true })
    {
        // (libtorch threads, threads each batch is split across): the split only with passive waiting, where its one
        // libtorch thread per part never waits for OpenMP workers at all.
        foreach (var (threads, parts) in spinning ? [(1, 1), (2, 1)] : new[] { (1, 1), (2, 1), (1, 2) })
        {
            var start = new ProcessStartInfo(self, ["--child", threads.ToString(CultureInfo.InvariantCulture), sequences.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture), parts.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
            };
            if (spinning)
            {
                start.Environment["GOMP_SPINCOUNT"] = spin.ToString(CultureInfo.InvariantCulture);
            }

            using var child = Process.Start(start)!;
            var rates = child.StandardOutput.ReadToEnd().Trim().Split(' ').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList();
            child.WaitForExit();
            var median = rates.Order().ElementAt(rates.Count / 2);
            var row = string.Create(CultureInfo.InvariantCulture, $"| {(busy ? "one busy process beside" : "quiet")} | {(spinning ? $"spin first (GOMP_SPINCOUNT={spin})" : "passive (default)")} | {threads}{(parts > 1 ? $", batch split across {parts} threads (TrainingParallelism = {parts})" : "")} | {median:N0} | {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} |");
            rows.AppendLine(row);
            Console.Error.WriteLine(row);
        }
    }

    competitor?.Kill();
}

var section = $"""
    ## libtorch threads and waiting under contention (bench/torch-wait-policy.cs)

    Command: `bench/run.sh torch-wait --sequences {sequences} --runs {runs} --spin {spin}{(passiveOnly ? " --passive-only" : "")} --write` on {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. GRU training, emb 64 / hidden 128,
    batch 256, second of two epochs; "one busy process beside" is a shell loop spinning on one core for the whole row.

    {rows}
    """;
Console.WriteLine(section);
if (args.Contains("--write"))
{
    var path = Path.Combine(Path.GetDirectoryName(SourceFile())!, "..", "docs", "benchmarks.md");
    const string from = "<!-- torch-wait:start -->";
    const string to = "<!-- torch-wait:end -->";
    var text = File.ReadAllText(path);
    var a = text.IndexOf(from, StringComparison.Ordinal);
    var b = text.IndexOf(to, StringComparison.Ordinal);
    text = a >= 0 && b > a ? text[..(a + from.Length)] + "\n" + section + text[b..] : text.TrimEnd() + "\n\n" + from + "\n" + section + to + "\n";
    File.WriteAllText(path, text);
}

return 0;

static int Child(int threads, int sequences, int runs, int parts)
{
    var random = new Random(42);
    var training = Enumerable.Range(0, sequences).Select(_ => Example(random)).ToList();
    var validation = Enumerable.Range(0, 256).Select(_ => Example(random)).ToList();
    var model = new GruModelOptions { EmbeddingSize = 64, HiddenSize = 128, Layers = 1, Dropout = 0.1, MaxSequenceLength = 200 };
    var rates = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        var trainer = new GruTrainer(new TorchOptions { Threads = threads, TrainingParallelism = parts }, TimeProvider.System, NullLogger<GruTrainer>.Instance);
        var result = trainer.Train(training, validation, 5000, model, new GruTrainingOptions { MaxEpochs = 2, EarlyStoppingPatience = 10, BatchSize = 256, Seed = run + 1 });
        result.Model.Dispose();
        rates.Add(result.Epochs[^1].Sequences / result.Epochs[^1].Duration.TotalSeconds);
    }

    Console.WriteLine(string.Join(' ', rates.Select(r => r.ToString("0", CultureInfo.InvariantCulture))));
    return 0;
}

// The same chains as bench/torch-throughput.cs: log-normal lengths (mean about 20, cap 200), Zipf-like tokens.
static LabeledSequence Example(Random random)
{
    var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    var length = (int)Math.Clamp(Math.Round(Math.Exp(2.4957 + normal)), 1, 200);
    var ids = new int[length];
    var features = new float[length * EncodedSequence.FeatureCount];
    for (var t = 0; t < length; t++)
    {
        ids[t] = Vocabulary.UnknownId + 1 + (int)Math.Min(5000 - 3, Math.Pow(5000 - 2, random.NextDouble()) - 1);
        for (var f = 0; f < EncodedSequence.FeatureCount; f++)
        {
            features[(t * EncodedSequence.FeatureCount) + f] = (float)((random.NextDouble() * 2) - 1);
        }
    }

    return new LabeledSequence(new EncodedSequence(ids, features), random.NextDouble() < 0.1);
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
