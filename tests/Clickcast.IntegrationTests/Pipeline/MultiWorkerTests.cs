using System.Text.Json;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Generation;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.IntegrationTests.Support;
using Clickcast.Labels;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Pipeline;

/// <summary>
/// Many workers, really: three <c>clickcast worker</c> processes, each with its own data folder, TMPDIR and HOME,
/// sharing only PostgreSQL (metadata, job queue) and the S3 server on 127.0.0.1. One of them is killed with SIGKILL in
/// the middle of a step and its folders are deleted; the two others finish. Events, sequences, the registry, the
/// predictions and the deliveries must equal what ONE worker makes of the same data in a fresh database and bucket.
/// The data puts one more file in a folder than the compaction trigger, so a <c>CompactEvents</c> job runs among the others.
/// Like every PostgreSQL and S3 test, it fails (never passes, never skips) without the servers ./test.sh starts.
/// </summary>
[Collection(SharedS3Server.Name)]
public sealed class MultiWorkerTests : IClassFixture<MultiWorkerTests.Inputs>
{
    private const string Tenant = "mw";
    private const string Task = "checkout";

    /// <summary>Far beyond what each wait takes on a busy machine; a failure then lists the jobs and the workers' logs.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly S3TestServer _s3;
    private readonly Inputs _inputs;

    public MultiWorkerTests(S3TestServer s3, Inputs inputs)
    {
        _s3 = s3;
        _inputs = inputs;
    }

    [Theory]
    [InlineData(1, FaultInjection.IngestAfterOutputs, JobKind.Ingest)]
    [InlineData(1, FaultInjection.SequencesBeforeManifest, JobKind.Sequences)]
    // Four client-hash shards: four SequencesShard jobs over three workers, one killed mid-shard, end as one worker does.
    [InlineData(4, FaultInjection.SequencesMidShard, JobKind.SequencesShard)]
    public async Task Workers_ThreeOnPostgreSqlAndS3OneKilledMidStep_EndExactlyAsOneWorkerDoes(int shards, string point, JobKind killedKind)
    {
        var reference = await _inputs.ReferenceAsync(_s3, shards);
        await using var cluster = await WorkerCluster.CreateAsync(_s3);
        await DefineAsync(cluster, shards, withTask: false);

        // The victim starts alone, so that it is the one to reach the armed point; the others join once it holds a
        // job of that kind, and run beside it until it dies there.
        var victim = cluster.StartWorker("worker-1", ("CLICKCAST_FAULTS", point));
        await cluster.OperatorAsync(["uploads", "put", "--tenant", Tenant, .. _inputs.Files]);
        await cluster.WaitForLeaseAsync(victim, killedKind, Patience);
        var others = new[] { cluster.StartWorker("worker-2"), cluster.StartWorker("worker-3") };
        await victim.WaitForExitAsync(Patience);
        Assert.True(victim.ExitCode == 137, $"expected worker-1 to die by SIGKILL at {point}:\n{await cluster.DescribeAsync()}");

        // Nothing the others need was on the dead worker's disk: its folders go with it, mid-run.
        Directory.Delete(victim.Root, recursive: true);
        await cluster.WaitUntilIdleAsync(Patience);
        await RunTasksAsync(cluster, shards);
        var actual = await PipelineSnapshot.ReadAsync(cluster, Tenant, Task);

        var jobs = await cluster.JobsAsync();
        var context = await cluster.DescribeAsync();
        AssertFinishedOnce(jobs, _inputs.Files.Count, shards, context);
        var recovered = Assert.Single(jobs, j => j.Attempts > 1);
        Assert.Equal(killedKind, recovered.Kind);
        Assert.Contains($":{victim.ProcessId}:", recovered.LastError, StringComparison.Ordinal);

        // The queue's records: jobs ran to success on at least two processes, and no job succeeded on two of them.
        var succeeded = cluster.Workers.Select(w => w.SucceededJobs()).ToList();
        Assert.True(succeeded.Count(s => s.Count > 0) >= 2, $"fewer than two workers ran jobs:\n{context}");
        Assert.Equal(succeeded.Sum(s => s.Count), succeeded.SelectMany(s => s).Distinct().Count());
        Assert.All(succeeded.SelectMany(s => s), id => Assert.Equal(JobStatus.Succeeded, jobs.Single(j => j.Id == id).Status));

        // Shared state lives in PostgreSQL and S3 only: no worker holds an object store or a database file.
        Assert.Equal(_inputs.Files.Count, await cluster.CountAsync("sensor_objects"));
        Assert.Equal(3, cluster.Workers.Select(w => w.Root).Distinct().Count());
        foreach (var worker in others)
        {
            var files = Directory.EnumerateFiles(worker.Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(worker.Root, f)).ToList();
            Assert.DoesNotContain(files, f => f.StartsWith(Path.Combine("data", "objects"), StringComparison.Ordinal) || f.EndsWith(".db", StringComparison.Ordinal));
        }

        Assert.Equal(reference.Events, actual.Events);
        Assert.Equal(reference.Sequences, actual.Sequences);
        Assert.Equal(reference.IngestLedger, actual.IngestLedger);
        Assert.Equal(reference.Models, actual.Models);
        Assert.Equal(reference.Predictions, actual.Predictions);
        Assert.Equal(reference.ExportFiles, actual.ExportFiles);
        Assert.Equal(reference.ExportRows, actual.ExportRows);
        Assert.Equal(reference.Deliveries, actual.Deliveries);
    }

    /// <summary>
    /// Every job ended Succeeded (outcome Succeeded or NothingToDo); one ingest per raw file however many sensors
    /// listed it, each ingested once (one ledger version, checked by the snapshots).
    /// </summary>
    private static void AssertFinishedOnce(IReadOnlyList<WorkerCluster.JobRow> jobs, int files, int shards, string context)
    {
        Assert.True(
            jobs.All(j => j.Status == JobStatus.Succeeded && j.Outcome is nameof(RunOutcome.Succeeded) or nameof(RunOutcome.NothingToDo)),
            $"a job did not succeed:\n{context}");
        Assert.Equal(files, jobs.Count(j => j.Kind == JobKind.Ingest && j.Outcome == nameof(RunOutcome.Succeeded)));
        Assert.Equal(files, jobs.Count(j => j.Kind == JobKind.Ingest));
        Assert.Single(jobs, j => j.Kind == JobKind.Train && j.Outcome == nameof(RunOutcome.Succeeded));
        Assert.True(jobs.Any(j => j.Kind == JobKind.CompactEvents && j.Outcome == nameof(RunOutcome.Succeeded)), $"no events compaction ran:\n{context}");
        Assert.Equal(shards, jobs.Count(j => j.Kind == (shards == 1 ? JobKind.Export : JobKind.ExportShard))); // one export per shard's part
    }

    /// <summary>Applies the tenant: first without its task (the data comes in), then with it.</summary>
    private static async Task DefineAsync(WorkerCluster cluster, int shards, bool withTask)
    {
        var file = cluster.File(withTask ? "tenant-with-task.json" : "tenant.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(Definition(shards, withTask), ClickcastJson.Options), TestContext.Current.CancellationToken);
        await cluster.OperatorAsync("tenants", "apply", "-f", file);
    }

    /// <summary>
    /// Once every file is in, the operator adds the task and asks for a run (a backfill over all arrivals: it skips the
    /// ingested files and continues the chain: sequences, train, score, export). Training then sees all the data, in
    /// both runs, whatever order the workers took the files in.
    /// </summary>
    private static async Task RunTasksAsync(WorkerCluster cluster, int shards)
    {
        await DefineAsync(cluster, shards, withTask: true);
        await cluster.OperatorAsync("runs", "backfill", "--tenant", Tenant, "--from", "2000-01-01T00:00Z", "--to", "2100-01-01T00:00Z");
        await cluster.WaitUntilIdleAsync(Patience);
    }

    private static TenantDefinition Definition(int shards, bool withTask) => new()
    {
        Id = Tenant,
        Shards = shards,
        // One folder per month: the 17 day files land in one folder (per shard), one more than the compaction trigger.
        Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 }, Period = EventPeriod.Month },
        Tasks = !withTask ? [] :
        [
            new TaskDefinition
            {
                Id = Task,
                Attribute = "propensity",
                Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl },
                Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(4), MinPositives = 30, MinNegatives = 30, MinPositivesPerEvaluationSplit = 5 },
                Model = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, ExplainSample = 50 },
                Retraining = new RetrainingPolicy { MinimumAuc = 0.5 },
                Exports = [new Export.ExportDestinationOptions { Name = "files", Kind = Export.ExportDestinationKind.Files }],
            },
        ],
    };

    /// <summary>The generated input files, and per shard count the outcome of ONE worker on them, shared by the cases.</summary>
    public sealed class Inputs : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();
        private readonly Dictionary<int, PipelineSnapshot> _references = [];

        public IReadOnlyList<string> Files { get; private set; } = [];

        public ValueTask InitializeAsync()
        {
            // 17 day files (one more than the compaction trigger), as dense per day as the 10 days of 40 events per client were.
            const int days = EventCompactionPolicy.Trigger + 1;
            Files = ClickstreamFiles.Write(new GeneratorOptions { Clients = 1_500, Days = days, MeanEventsPerClient = 40.0 * days / 10, Seed = 13 }, _folder.File("avro")).Files;
            return ValueTask.CompletedTask;
        }

        /// <summary>One worker, a fresh schema and bucket, the same operator steps, no crash.</summary>
        internal async Task<PipelineSnapshot> ReferenceAsync(S3TestServer s3, int shards)
        {
            if (_references.TryGetValue(shards, out var known))
            {
                return known;
            }

            await using var cluster = await WorkerCluster.CreateAsync(s3);
            await DefineAsync(cluster, shards, withTask: false);
            cluster.StartWorker("single");
            await cluster.OperatorAsync(["uploads", "put", "--tenant", Tenant, .. Files]);
            await cluster.WaitUntilIdleAsync(Patience);
            await RunTasksAsync(cluster, shards);
            var jobs = await cluster.JobsAsync();
            AssertFinishedOnce(jobs, Files.Count, shards, await cluster.DescribeAsync());
            var snapshot = await PipelineSnapshot.ReadAsync(cluster, Tenant, Task);
            Assert.NotEmpty(snapshot.Predictions);
            Assert.NotEmpty(snapshot.ExportRows);
            return _references[shards] = snapshot;
        }

        public ValueTask DisposeAsync()
        {
            _folder.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
