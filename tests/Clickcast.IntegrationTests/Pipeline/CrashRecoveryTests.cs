using System.Text.Json;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Export;
using Clickcast.Generation;
using Clickcast.Ingestion.Urls;
using Clickcast.IntegrationTests.Support;
using Clickcast.Labels;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Pipeline;

/// <summary>
/// kill -9 of the real worker process during each kind of job, then a restart: the final state must equal a run
/// without the crash — the same events, sequences, champion, scores, and every prediction delivered exactly once.
/// </summary>
public sealed class CrashRecoveryTests : IClassFixture<CrashRecoveryTests.Inputs>
{
    private const string Tenant = "crash";
    private const string Task = "checkout";
    private readonly Inputs _inputs;

    public CrashRecoveryTests(Inputs inputs)
    {
        _inputs = inputs;
    }

    [Theory]
    [InlineData(FaultInjection.IngestAfterOutputs)]
    [InlineData(FaultInjection.SequencesBeforeManifest)]
    [InlineData(FaultInjection.TrainBeforeDecision)]
    [InlineData(FaultInjection.ScoreBeforeState)]
    [InlineData(FaultInjection.ExportAfterSend)]
    public async Task Run_KilledDuringAJobThenRestarted_EndsInTheSameStateAsWithoutTheCrash(string point)
    {
        await using var cdp = FakeCdp.Start();
        using var folder = new TempFolder();
        var data = folder.File("data");
        await PrepareAsync(data, cdp);

        var crashed = await CliProcess.RunAsync(data, Environment(("CLICKCAST_FAULTS", point)), "run");
        Assert.True(crashed.ExitCode == 137, $"expected a SIGKILL at {point}, got exit code {crashed.ExitCode}:\n{crashed.Output}");

        // The dead worker's lease expires; the restarted one recovers the job and finishes everything.
        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        var restarted = await CliProcess.RunAsync(data, Environment(), "run");
        Assert.True(restarted.ExitCode == 0, restarted.Output);

        var reference = await _inputs.ReferenceAsync();
        var actual = await Outcome.ReadAsync(data, cdp);
        Assert.Equal(reference.Events, actual.Events);
        Assert.Equal(reference.Sequences, actual.Sequences);
        Assert.Equal(reference.Champion, actual.Champion);
        Assert.Equal(reference.Scores.Count, actual.Scores.Count);
        foreach (var (client, probability) in reference.Scores)
        {
            Assert.Equal(probability, actual.Scores[client], 12);
        }

        // Every client delivered exactly once by idempotency key; a batch accepted just before the kill may have
        // been received twice, and the receiver's dedupe by key is what keeps it once.
        Assert.Equal(reference.Delivered, actual.Delivered);
        Assert.Equal(actual.Scores.Count, actual.Delivered.Count);
    }

    /// <summary>
    /// A tenant scored and exported in 4 shards, killed inside a shard's scoring, before the commit's state, or after
    /// a shard's batch was accepted: after a restart its scores and deliveries equal the unsharded run's.
    /// </summary>
    [Theory]
    [InlineData(FaultInjection.ScoreMidShard)]
    [InlineData(FaultInjection.ScoreBeforeState)]
    [InlineData(FaultInjection.ExportAfterSend)]
    public async Task Run_ShardedTenantKilledDuringScoringOrExport_EndsWithTheUnshardedScoresDeliveredOnce(string point)
    {
        await using var cdp = FakeCdp.Start();
        using var folder = new TempFolder();
        var data = folder.File("data");
        await PrepareAsync(data, cdp, _inputs, Environment(), shards: 4);

        var crashed = await CliProcess.RunAsync(data, Environment(("CLICKCAST_FAULTS", point)), "run");
        Assert.True(crashed.ExitCode == 137, $"expected a SIGKILL at {point}, got exit code {crashed.ExitCode}:\n{crashed.Output}");
        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        var restarted = await CliProcess.RunAsync(data, Environment(), "run");
        Assert.True(restarted.ExitCode == 0, restarted.Output);

        var reference = await _inputs.ReferenceAsync();
        var actual = await Outcome.ReadAsync(data, cdp);
        Assert.Equal(4, actual.Shards);
        Assert.Equal(reference.Champion, actual.Champion);
        Assert.Equal(reference.Scores.Count, actual.Scores.Count);
        foreach (var (client, probability) in reference.Scores)
        {
            Assert.Equal(probability, actual.Scores[client], 12);
        }

        Assert.Equal(reference.Delivered, actual.Delivered);
    }

    [Fact]
    public async Task Run_CdpDownBeyondTheRetryBudget_DeliversEverythingOnceWhenItRecovers()
    {
        await using var cdp = FakeCdp.Start();
        using var folder = new TempFolder();
        var data = folder.File("data");
        await PrepareAsync(data, cdp);
        var slowRetries = Environment(
            ("CLICKCAST_Jobs__RetryInterval", "00:00:01"),
            ("CLICKCAST_Export__Http__MaxRetryAttempts", "1"),
            ("CLICKCAST_Export__Http__RetryBaseDelay", "00:00:00.050"),
            ("CLICKCAST_Export__Http__AttemptTimeout", "00:00:01"),
            ("CLICKCAST_Export__Http__TotalRequestTimeout", "00:00:02"));

        cdp.GoDown();
        var whileDown = await CliProcess.RunAsync(data, slowRetries, "run");
        var pendingRuns = await CliProcess.RunAsync(data, slowRetries, "runs", "list", "--kind", "Export", "--json");
        var acceptedWhileDown = cdp.WebhookBatches.Count;
        cdp.ComeBack();
        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        var afterRecovery = await CliProcess.RunAsync(data, slowRetries, "run");

        Assert.True(whileDown.ExitCode == 0, whileDown.Output);
        Assert.Contains("\"lastError\"", pendingRuns.Output, StringComparison.Ordinal);
        Assert.Equal(0, acceptedWhileDown);
        Assert.True(afterRecovery.ExitCode == 0, afterRecovery.Output);
        var outcome = await Outcome.ReadAsync(data, cdp);
        Assert.Equal(outcome.Scores.Count, outcome.Delivered.Count);
        Assert.All(cdp.WebhookReceipts.Values, receipts => Assert.Equal(1, receipts));
    }

    private System.Threading.Tasks.Task PrepareAsync(string data, FakeCdp cdp) => PrepareAsync(data, cdp, _inputs, Environment());

    /// <summary>
    /// A data folder with the crash tenant applied through the CLI (under <paramref name="environment"/>) and the
    /// inputs in its raw prefix, ready for a worker; also what <see cref="GracefulShutdownTests"/> starts from.
    /// </summary>
    internal static async System.Threading.Tasks.Task PrepareAsync(string data, FakeCdp cdp, Inputs inputs, IReadOnlyDictionary<string, string> environment, int shards = 1)
    {
        Directory.CreateDirectory(data);
        var tenantFile = Path.Combine(data, "tenant.json");
        var definition = Definition(cdp);
        definition.Shards = shards;
        await File.WriteAllTextAsync(tenantFile, JsonSerializer.Serialize(definition, ClickcastJson.Options), TestContext.Current.CancellationToken);
        var applied = await CliProcess.RunAsync(data, environment, "tenants", "apply", "-f", tenantFile);
        Assert.True(applied.ExitCode == 0, applied.Output);
        var raw = Path.Combine(data, "objects", "tenants", Tenant, "raw");
        Directory.CreateDirectory(raw);
        foreach (var file in inputs.Files)
        {
            File.Copy(file, Path.Combine(raw, Path.GetFileName(file)));
        }
    }

    internal static Dictionary<string, string> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CLICKCAST_Jobs__Lease"] = "00:00:02",
            ["CLICKCAST_Jobs__HeartbeatInterval"] = "00:00:00.500",
            ["CLICKCAST_Pipeline__SequencesDebounce"] = "00:00:00",
            // The fake CDP listens on loopback, which export refuses unless allow-listed.
            ["CLICKCAST_Export__Http__AllowedNetworks__0"] = "127.0.0.0/8",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    internal static TenantDefinition Definition(FakeCdp cdp) => new()
    {
        Id = Tenant,
        Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } },
        Tasks =
        [
            new TaskDefinition
            {
                Id = Task,
                Attribute = "propensity",
                Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl },
                Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(4), MinPositives = 30, MinNegatives = 30, MinPositivesPerEvaluationSplit = 5 },
                Model = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, ExplainSample = 50 },
                Retraining = new RetrainingPolicy { MinimumAuc = 0.5 },
                Exports =
                [
                    new ExportDestinationOptions { Name = "files", Kind = ExportDestinationKind.Files },
                    new ExportDestinationOptions { Name = "hook", Kind = ExportDestinationKind.Webhook, BatchSize = 300, Webhook = new WebhookOptions { Url = cdp.WebhookUrl, Secret = cdp.WebhookSecret } },
                ],
            },
        ],
    };

    /// <summary>The generated input files, and the outcome of one run without a crash, shared by the tests.</summary>
    public sealed class Inputs : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();
        private Outcome? _reference;

        public IReadOnlyList<string> Files { get; private set; } = [];

        public ValueTask InitializeAsync()
        {
            Files = ClickstreamFiles.Write(new GeneratorOptions { Clients = 1_500, Days = 10, Seed = 13 }, _folder.File("avro")).Files;
            return ValueTask.CompletedTask;
        }

        public async Task<Outcome> ReferenceAsync()
        {
            if (_reference is not null)
            {
                return _reference;
            }

            await using var cdp = FakeCdp.Start();
            var data = _folder.File("reference");
            await PrepareAsync(data, cdp, this, Environment());
            var run = await CliProcess.RunAsync(data, Environment(), "run");
            Assert.True(run.ExitCode == 0, run.Output);
            _reference = await Outcome.ReadAsync(data, cdp);
            Assert.NotEmpty(_reference.Scores);
            return _reference;
        }

        public ValueTask DisposeAsync()
        {
            _folder.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>What a run leaves behind, in comparable form.</summary>
    public sealed record Outcome(
        IReadOnlyList<string> Events,
        IReadOnlyList<string> Sequences,
        string Champion,
        IReadOnlyDictionary<string, double> Scores,
        IReadOnlyDictionary<string, double> Delivered,
        int? Shards = null)
    {
        public static async Task<Outcome> ReadAsync(string data, FakeCdp cdp)
        {
            var store = new LocalObjectStore(Path.Combine(data, "objects"));
            var events = new List<string>();
            await foreach (var item in store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: TestContext.Current.CancellationToken))
            {
                await foreach (var batch in EventFileReader.ReadAsync(store.PathOf(item.Key), TestContext.Current.CancellationToken))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        events.Add(batch[i].ToString());
                    }
                }
            }

            var sequences = new List<string>();
            await foreach (var sequence in new SequenceStore(store).ReadAllAsync(Tenant, TestContext.Current.CancellationToken))
            {
                sequences.Add($"{sequence.ClientId}:{string.Join(' ', sequence.Urls)}:{string.Join(' ', sequence.TimestampsMicros)}:{sequence.EventCount}");
            }

            var state = JsonSerializer.Deserialize<ScoringState>(await File.ReadAllBytesAsync(store.PathOf(Scorer.StateKey(Tenant, Task)), TestContext.Current.CancellationToken), ClickcastJson.Options)!;
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            await foreach (var prediction in PredictionParts.ReadAsync(store, PredictionParts.CurrentKeys(Tenant, Task, state.Shards), TestContext.Current.CancellationToken))
            {
                scores.Add(prediction.ClientId, prediction.Probability);
            }

            var delivered = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var batch in cdp.WebhookBatches.Values)
            {
                foreach (var row in batch.GetProperty("rows").EnumerateArray())
                {
                    // A client twice across distinct batches would throw here: that is a duplicate delivery.
                    delivered.Add(row.GetProperty("client_id").GetString()!, row.GetProperty("probability").GetDouble());
                }
            }

            events.Sort(StringComparer.Ordinal);
            return new Outcome(events, sequences, $"v{state.ModelVersion}", scores, delivered, state.Shards);
        }
    }
}
