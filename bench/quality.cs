#:project ../src/Clickcast.Torch/Clickcast.Torch.csproj
#:property TieredPGO=true
#:property JsonSerializerIsReflectionEnabledByDefault=true
#:property PublishAot=false

// Model quality on real data: the GRU and the logistic-regression baseline trained side by side on the same
// client-hash split, through the real pipeline (ingest -> sequences -> labels -> train -> calibrate -> evaluate).
//
//   bench/run.sh quality [--msnbc-users 200000] [--threads 2] [--write]
//
// 1. UCI MSNBC (../shared/data/msnbc): order only. Task "later visits business": observe each user's first page
//    view (k = 1), label = business anywhere later; users whose first view is business are left out. The file has
//    no timestamps: the events get synthetic ones (one minute apart), used only to order them, and the models'
//    time features are therefore meaningless here. The first --msnbc-users users of the file are used.
// 2. The shared Apache access log: task "later visits /blog" with the same position-based labels on each client's
//    first page view; a few hundred clients, so figures come with 95 % confidence intervals (DeLong).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Torch.Family;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Clickcast.Training.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

var repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourceFile())!, ".."));
var shared = Path.GetFullPath(Path.Combine(repo, "..", "shared", "data"));
var users = Option("--msnbc-users", 200_000);
var threads = Option("--threads", 2);
var work = Path.Combine(Path.GetTempPath(), "clickcast-quality");
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

var store = new LocalObjectStore(Path.Combine(work, "objects"));
var time = TimeProvider.System;
var families = new IModelFamily[] { new GruFamily(time, NullLoggerFactory.Instance), new LogisticRegressionFamily() };
var sections = new List<string>();

// --- MSNBC ---
var msnbc = Path.Combine(shared, "msnbc", "msnbc990928.seq");
var lines = File.ReadLines(msnbc).ToList();
var categories = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
var csv = new StringBuilder("client_id,ts,url\n");
var start = new DateTimeOffset(1999, 9, 28, 0, 0, 0, TimeSpan.Zero);
var taken = 0;
foreach (var line in lines.Skip(7))
{
    if (taken == users)
    {
        break;
    }

    var views = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (views.Length == 0)
    {
        continue;
    }

    for (var i = 0; i < views.Length; i++)
    {
        var category = categories[int.Parse(views[i], CultureInfo.InvariantCulture) - 1];
        csv.Append(CultureInfo.InvariantCulture, $"user{taken},{start.AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ},https://msnbc.com/{category}\n");
    }

    taken++;
}

await store.PutBytesAsync("tenants/msnbc/raw/msnbc.csv", Encoding.UTF8.GetBytes(csv.ToString()));
var msnbcSection = await EvaluateAsync(
    "msnbc",
    "UCI MSNBC, first " + taken.ToString("N0", CultureInfo.InvariantCulture) + " users: later visits `business` (position-based, k = 1, synthetic timestamps for order only)",
    new TargetDefinition { UrlPattern = "msnbc.com/business", Match = UrlMatchKind.Exact },
    new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 }, Bots = new BotFilterOptions { Enabled = false } });
sections.Add(msnbcSection);
sections.Add(await EvaluateAsync(
    "msnbc",
    "UCI MSNBC, same users: later visits `business` after observing the first 3 views (k = 3)",
    new TargetDefinition { UrlPattern = "msnbc.com/business", Match = UrlMatchKind.Exact },
    new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 }, Bots = new BotFilterOptions { Enabled = false } },
    observed: 3));

// --- Access log ---
await store.PutFileAsync("tenants/weblog/raw/access.log", Path.Combine(shared, "apache-combined", "access.log"));
sections.Add(await EvaluateAsync(
    "weblog",
    "Apache access log (semicomplete.com, 4 days, bots filtered): later visits `/blog` (position-based, k = 1; validation and test 30 % each because the data is tiny)",
    new TargetDefinition { UrlPattern = "semicomplete.com/blog", Match = UrlMatchKind.Prefix },
    new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1, DefaultHost = "semicomplete.com" } },
    minimum: 10,
    evaluationShare: 0.3));

var text = $"""
    Command: `bench/run.sh quality --msnbc-users {users} --threads {threads} --write` on {Environment.ProcessorCount} cores, {time.GetUtcNow():yyyy-MM-dd}.
    Both families train on the same client-hash split (70 / 15 / 15); probabilities are Platt-calibrated on validation;
    every figure is on the test split. AUC intervals are DeLong 95 %. GRU: emb 64, hidden 128, early stopping on
    validation AUC; baseline: logistic regression on a bag of URL tokens plus recency and frequency.

    {string.Join("\n\n", sections)}
    """;
Console.WriteLine(text);
if (args.Contains("--write"))
{
    Replace(Path.Combine(repo, "docs", "benchmarks.md"), "quality", text);
}

return 0;

async Task<string> EvaluateAsync(string tenant, string title, TargetDefinition target, IngestOptions ingest, int minimum = 100, int observed = 1, double evaluationShare = 0.15)
{
    var clock = Stopwatch.StartNew();
    await new Ingestor(store, time, NullLogger<Ingestor>.Instance).IngestAsync(tenant, ingest);
    await new SequenceBuilder(store, time, NullLogger<SequenceBuilder>.Instance).UpdateAsync(tenant, new SequenceOptions());
    var sequences = new SequenceStore(store);
    var manifest = await sequences.GetManifestAsync(tenant);
    var labeling = new LabelingOptions
    {
        Mode = LabelingMode.Position,
        ObservedEvents = observed,
        MinPositives = minimum,
        MinNegatives = minimum,
        MinPositivesPerEvaluationSplit = Math.Min(10, minimum / 3),
        ValidationShare = evaluationShare,
        TestShare = evaluationShare,
    };
    var dataset = await DatasetBuilder.BuildAsync(sequences.ReadAsync(manifest!), target, labeling, manifest!.LatestEventMicros);
    var settings = new ModelSettings { Family = ModelFamilyChoice.BestOf, VocabularyMinCount = 1, Gru = new GruSettings { Threads = threads } };
    var folder = Path.Combine(work, "models", tenant + "-k" + observed.ToString(CultureInfo.InvariantCulture));
    new ModelTrainer(families, time, NullLogger<ModelTrainer>.Instance).Train(dataset, labeling, settings, folder);
    var evaluation = ModelFiles.Read<ModelEvaluation>(folder, ModelFiles.Metrics);
    var summary = dataset.Summary;
    var table = new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"### {title}")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"{summary.TotalExamples:N0} eligible clients of {summary.ClientsSeen:N0} ({summary.PositiveRate:P1} positive; test split {summary.Examples.GetValueOrDefault(DatasetSplit.Test):N0} clients, {summary.Positives.GetValueOrDefault(DatasetSplit.Test):N0} positive); {clock.Elapsed.TotalSeconds:0} s from raw file to both models.")
        .AppendLine()
        .AppendLine("| model | AUC-ROC (95 % CI) | PR-AUC | lift@10 % | ECE | log loss | trained in |")
        .AppendLine("|---|---|---:|---:|---:|---:|---:|");
    foreach (var candidate in evaluation.Candidates)
    {
        var m = candidate.Test;
        var lift = m.Lift.First(l => Math.Abs(l.Percent - 10) < 1e-9);
        var ci = m.RocAucInterval is { } i ? string.Create(CultureInfo.InvariantCulture, $" ({i.Lower:0.000}–{i.Upper:0.000})") : string.Empty;
        table.AppendLine(CultureInfo.InvariantCulture, $"| {candidate.Family}{(candidate.Family == evaluation.Chosen ? " (kept)" : string.Empty)} | {m.RocAuc:0.000}{ci} | {m.AveragePrecision:0.000} | {lift.Lift:0.00} | {m.ExpectedCalibrationError:0.000} | {m.LogLoss:0.000} | {candidate.TrainingTime.TotalSeconds:0} s |");
    }

    Console.Error.WriteLine(table);
    return table.ToString().TrimEnd();
}

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
    var block = $"{startMarker}\n## Model quality on real data (bench/quality.cs)\n\n{section.Trim()}\n{endMarker}";
    var from = text.IndexOf(startMarker, StringComparison.Ordinal);
    var to = text.IndexOf(endMarker, StringComparison.Ordinal);
    text = from >= 0 && to > from ? text[..from] + block + text[(to + endMarker.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
    File.WriteAllText(path, text);
}

static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
