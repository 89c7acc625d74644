#:project ../src/Clickcast.Torch/Clickcast.Torch.csproj
#:project Clickcast.Bench/Clickcast.Bench.csproj

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
using Clickcast.Bench;
using Clickcast.Ingestion;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Torch;
using Clickcast.Torch.Pretraining;
using Clickcast.Training;
using Clickcast.Training.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

var arguments = new BenchArguments(args);
var shared = Repository.SharedData();
var users = arguments.Number("--msnbc-users", 30_000);
var seeds = arguments.Number("--seeds", 1);
var pretrainEpochs = arguments.Number("--pretrain-epochs", 5);
var threads = arguments.Number("--threads", 1);
var only = arguments.Names("--only");
bool Wanted(string name) => only.Count == 0 || only.Contains(name);
var work = Path.Combine(Path.GetTempPath(), "clickcast-pretrain-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
var store = new LocalObjectStore(Path.Combine(work, "objects"));
var time = TimeProvider.System;
var torch = new TorchOptions { Threads = threads };
var rows = new List<string>();

if (Wanted("msnbc-k3"))
{
    await store.PutBytesAsync("tenants/msnbc/raw/msnbc.csv", Encoding.UTF8.GetBytes(RealData.MsnbcCsv(shared, users).Csv));
    await EvaluateAsync(
        "msnbc", $"MSNBC k=3 ({users:N0} users)", new TargetDefinition { UrlPattern = "msnbc.com/business", Match = UrlMatchKind.Exact },
        RealData.MsnbcIngest,
        RealData.Positions(3, minimum: 100, evaluationShare: 0.15));
}

if (Wanted("diginetica"))
{
    await store.PutBytesAsync("tenants/diginetica/raw/events.csv", Encoding.UTF8.GetBytes(RealData.DigineticaCsv(shared)));
    await EvaluateAsync(
        "diginetica", "Diginetica sample k=2", new TargetDefinition { EventType = "purchase" },
        RealData.DigineticaIngest,
        RealData.Positions(2, minimum: 10, evaluationShare: 0.3));
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
if (arguments.Has("--write"))
{
    BenchmarksDocument.Replace("pretrain", "## Contrastive pretraining (bench/pretrain.cs)\n\n" + text.Trim());
}

Directory.Delete(work, recursive: true);
return 0;

async Task EvaluateAsync(string tenant, string title, TargetDefinition target, IngestOptions ingest, LabelingOptions labeling)
{
    var (sequences, manifest) = await RealData.SequencesAsync(store, tenant, ingest, time);
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
            var ci = RealData.Interval(BinaryMetrics.RocAucInterval(scores, labels));
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
