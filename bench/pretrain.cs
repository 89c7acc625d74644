#:project ../src/Clickcast.Torch/Clickcast.Torch.csproj
#:property TieredPGO=true
#:property JsonSerializerIsReflectionEnabledByDefault=true
#:property PublishAot=false

// Contrastive pretraining (issue 12, point 5): a task's GRU trained from random weights against the same GRU
// warm-started from a CoLES-style encoder pretrained without labels, on the same client-hash split, seed and
// settings (the task defaults: emb 64, event types 8, hidden 128, early stopping on validation AUC, patience 3).
//
//   bench/run.sh pretrain [--msnbc-users 30000] [--seeds 1] [--pretrain-epochs 5] [--threads 1] [--only msnbc-k3,diginetica] [--write]
//
// The encoder is pretrained on the full chains of the TRAINING clients only, so no test or validation client's
// events (and none of their labels' future) reach it. Test AUC with 95 % DeLong intervals; time to train a task is
// the trainer's wall clock and its epochs (to early stopping), pretraining's own cost listed apart.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Torch;
using Clickcast.Torch.Pretraining;
using Clickcast.Training;
using Clickcast.Training.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

var repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourceFile())!, ".."));
var shared = Environment.GetEnvironmentVariable("CLICKCAST_SHARED_DATA") is { Length: > 0 } overridden
    ? overridden
    : Ancestors(repo).Select(d => Path.Combine(d, "shared", "data")).FirstOrDefault(Directory.Exists)
        ?? throw new DirectoryNotFoundException($"No shared/data folder above {repo}; set CLICKCAST_SHARED_DATA.");
var users = Option("--msnbc-users", 30_000);
var seeds = Option("--seeds", 1);
var pretrainEpochs = Option("--pretrain-epochs", 5);
var threads = Option("--threads", 1);
var only = args.Select((a, i) => (a, i)).Where(x => x.a == "--only" && x.i + 1 < args.Length)
    .SelectMany(x => args[x.i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
bool Wanted(string name) => only.Count == 0 || only.Contains(name);
var work = Path.Combine(Path.GetTempPath(), "clickcast-pretrain-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
var store = new LocalObjectStore(Path.Combine(work, "objects"));
var time = TimeProvider.System;
var torch = new TorchOptions { Threads = threads };
var rows = new List<string>();

if (Wanted("msnbc-k3"))
{
    await store.PutBytesAsync("tenants/msnbc/raw/msnbc.csv", Encoding.UTF8.GetBytes(MsnbcCsv()));
    await EvaluateAsync(
        "msnbc", $"MSNBC k=3 ({users:N0} users)", new TargetDefinition { UrlPattern = "msnbc.com/business", Match = UrlMatchKind.Exact },
        new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 }, Bots = new BotFilterOptions { Enabled = false } },
        Positions(3, minimum: 100, share: 0.15));
}

if (Wanted("diginetica"))
{
    await store.PutBytesAsync("tenants/diginetica/raw/events.csv", Encoding.UTF8.GetBytes(DigineticaCsv()));
    await EvaluateAsync(
        "diginetica", "Diginetica sample k=2", new TargetDefinition { EventType = "purchase" },
        new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 2 }, Bots = new BotFilterOptions { Enabled = false } },
        Positions(2, minimum: 10, share: 0.3));
}

var text = $"""
    Command: `bench/run.sh pretrain --msnbc-users {users} --seeds {seeds} --pretrain-epochs {pretrainEpochs} --threads {threads}{(only.Count == 0 ? string.Empty : " --only " + string.Join(',', only.Order(StringComparer.Ordinal)))} --write` on {Environment.ProcessorCount} cores, {time.GetUtcNow():yyyy-MM-dd}.
    Same client-hash split, seed and GRU settings in both arms; the encoder (model.pretraining defaults but the epochs:
    sub-chains of 2–40 events, temperature 0.1, batch 64) is pretrained on the training clients' full chains only.
    "pretrain" is the encoder's one-off cost per tenant; "train" is the task's own training; AUC is on the test split
    with its 95 % DeLong interval.

    | data | seed | arm | test AUC-ROC (95 % CI) | epoch-1 val AUC | best epoch / epochs | train | pretrain |
    |---|---:|---|---|---:|---:|---:|---:|
    {string.Join("\n", rows)}
    """;
Console.WriteLine(text);
if (args.Contains("--write"))
{
    Replace(Path.Combine(repo, "docs", "benchmarks.md"), "pretrain", text);
}

Directory.Delete(work, recursive: true);
return 0;

LabelingOptions Positions(int observed, int minimum, double share) => new()
{
    Mode = LabelingMode.Position,
    ObservedEvents = observed,
    MinPositives = minimum,
    MinNegatives = minimum,
    MinPositivesPerEvaluationSplit = Math.Min(10, minimum / 3),
    ValidationShare = share,
    TestShare = share,
};

async Task EvaluateAsync(string tenant, string title, TargetDefinition target, IngestOptions ingest, LabelingOptions labeling)
{
    await new Ingestor(store, time, NullLogger<Ingestor>.Instance).IngestAsync(tenant, ingest);
    await new SequenceBuilder(store, time, NullLogger<SequenceBuilder>.Instance).UpdateAsync(tenant, new SequenceOptions());
    var sequences = new SequenceStore(store);
    var manifest = (await sequences.GetManifestAsync(tenant))!;
    var chains = new List<ClientSequence>();
    await foreach (var chain in sequences.ReadAsync(manifest))
    {
        chains.Add(chain);
    }

    var dataset = DatasetBuilder.Build(chains, target, labeling, manifest.LatestEventMicros);
    var settings = new ModelSettings();
    var shape = GruModelOptions.From(settings);
    var train = dataset.In(DatasetSplit.Train).ToList();
    var trainClients = train.Select(e => e.ClientId).ToHashSet(StringComparer.Ordinal);
    var vocabulary = VocabularyOf(train.Select(e => e.Urls), settings);
    var types = EventTypeVocabulary.Build(train.Select(e => e.EventTypes));
    LabeledSequence Labeled(LabeledExample e) =>
        new(SequenceEncoder.Encode(e.Urls, e.TimesMicros, e.Urls.Count, vocabulary, shape.MaxSequenceLength, e.TimesMicros[^1], e.EventTypes, types), e.Label);
    var trainSet = train.Select(Labeled).ToList();
    var validation = dataset.In(DatasetSplit.Validation).Select(Labeled).ToList();
    var test = dataset.In(DatasetSplit.Test).Select(Labeled).ToList();

    // The encoder's vocabulary and types come from the chains it reads (the training clients' whole chains).
    var pretrainChains = chains.Where(c => trainClients.Contains(c.ClientId)).ToList();
    var pretrainVocabulary = VocabularyOf(pretrainChains.Select(c => c.Urls), settings);
    var pretrainTypes = EventTypeVocabulary.Build(pretrainChains.Select(c => c.EventTypes));
    var encoded = pretrainChains.Select(c => SequenceEncoder.Encode(
        c.Urls, c.TimestampsMicros, c.Length, pretrainVocabulary, shape.MaxSequenceLength, c.LastEventMicros, c.EventTypes, pretrainTypes)).ToList();
    var clock = Stopwatch.StartNew();
    using var encoder = new ContrastivePretrainer(torch, time, NullLogger<ContrastivePretrainer>.Instance).Pretrain(
        encoded, pretrainVocabulary, shape, new PretrainingSettings { Epochs = pretrainEpochs }, settings.Gru.Seed, pretrainTypes, manifest.TotalEvents);
    var pretrainSeconds = clock.Elapsed.TotalSeconds;
    Console.Error.WriteLine($"{title}: pretrained on {encoder.Manifest.Clients:N0} chains in {pretrainSeconds:0} s; losses {string.Join(" ", encoder.Manifest.EpochLosses.Select(l => l.ToString("0.000", CultureInfo.InvariantCulture)))}");

    for (var s = 0; s < seeds; s++)
    {
        var options = GruTrainingOptions.From(settings.Gru);
        options.Seed = settings.Gru.Seed + s;
        foreach (var warm in new[] { false, true })
        {
            using var start = warm ? encoder.WarmStart(vocabulary, shape, types, options.Seed, torch) : null;
            var result = new GruTrainer(torch, time, NullLogger<GruTrainer>.Instance).Train(trainSet, validation, vocabulary.Count, shape, options, start, types);
            using var model = result.Model;
            var scores = Array.ConvertAll(model.ScoreLogits(test.Select(e => e.Sequence).ToList()), v => (double)v);
            var labels = test.Select(e => e.IsPositive).ToArray();
            var auc = BinaryMetrics.RocAuc(scores, labels);
            var ci = BinaryMetrics.RocAucInterval(scores, labels) is { } i ? string.Create(CultureInfo.InvariantCulture, $" ({i.Lower:0.000}–{i.Upper:0.000})") : string.Empty;
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {title}, {test.Count:N0} test ({labels.Count(l => l):N0} +) | {options.Seed} | {(warm ? "warm start from encoder" : "from scratch")} | {auc:0.000}{ci} | {result.Epochs[0].ValidationAuc:0.000} | {result.BestEpoch} / {result.Epochs.Count} | {result.Duration.TotalSeconds:0} s | {(warm ? $"{pretrainSeconds:0} s" : "–")} |");
            Console.Error.WriteLine(row);
            rows.Add(row);
        }
    }
}

static Vocabulary VocabularyOf(IEnumerable<IReadOnlyList<string>> chains, ModelSettings settings)
{
    var counts = new Dictionary<string, long>(StringComparer.Ordinal);
    foreach (var urls in chains)
    {
        foreach (var url in urls)
        {
            counts[url] = counts.GetValueOrDefault(url) + 1;
        }
    }

    return Vocabulary.Build(counts, 1, settings.VocabularyMaxSize);
}

string MsnbcCsv()
{
    var lines = File.ReadLines(Path.Combine(shared, "msnbc", "msnbc990928.seq")).ToList();
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

    return csv.ToString();
}

string DigineticaCsv()
{
    var csv = new StringBuilder("client_id,ts,event_type,url\n");
    foreach (var line in File.ReadLines(Path.Combine(shared, "ecommerce", "diginetica-sample-events.csv")).Skip(1))
    {
        var f = line.Split(',');
        var ts = DateTimeOffset.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddMilliseconds(long.Parse(f[3], CultureInfo.InvariantCulture));
        csv.Append(CultureInfo.InvariantCulture, $"s{f[0]},{ts:yyyy-MM-ddTHH:mm:ss.fffZ},{f[4]},https://shop.diginetica.example/item/{f[5]}\n");
    }

    return csv.ToString();
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
    var text = File.ReadAllText(path);
    var block = $"{startMarker}\n## Contrastive pretraining (bench/pretrain.cs)\n\n{section.Trim()}\n{endMarker}";
    var from = text.IndexOf(startMarker, StringComparison.Ordinal);
    var to = text.IndexOf(endMarker, StringComparison.Ordinal);
    text = from >= 0 && to > from ? text[..from] + block + text[(to + endMarker.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
    File.WriteAllText(path, text);
}

static IEnumerable<string> Ancestors(string folder)
{
    for (var d = new DirectoryInfo(folder); d is not null; d = d.Parent)
    {
        yield return d.FullName;
    }
}

static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
