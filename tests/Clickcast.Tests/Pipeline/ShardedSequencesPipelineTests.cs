using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Pipeline;

public sealed class ShardedSequencesPipelineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_ShardedTenant_FansOutOneJobPerShardThenCommitsOnceAndTrains()
    {
        await using var host = new PipelineHost();
        var definition = PipelineHost.Definition();
        definition.Shards = 4;
        await host.Get<TenantCatalog>().SaveAsync(definition, Token);
        await host.DropAllButLastDayAsync(clients: 1_500);

        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        await host.DropLastDayAsync();
        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var jobs = await host.Get<JobQueue>().ListAsync(new JobQuery { Tenant = PipelineHost.Tenant, Limit = 500 }, Token);
        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        var shards = jobs.Where(j => j.Kind == JobKind.SequencesShard).ToList();
        var commits = jobs.Where(j => j.Kind == JobKind.SequencesCommit).ToList();
        Assert.Equal(2 * 4, shards.Count); // the first build, then the last day
        Assert.Equal(2, commits.Count);
        Assert.Contains(jobs, j => j.Kind == JobKind.Train && commits.Any(c => c.Id == j.ParentId));

        // The follow-ups' keys and parents (PipelineSteps): a shard job per generation and shard under its sequences
        // job, one commit per generation under one of that generation's shards, not tied to a task.
        Assert.Equal(
            ["sequences-shard|g1|s0", "sequences-shard|g1|s1", "sequences-shard|g1|s2", "sequences-shard|g1|s3", "sequences-shard|g2|s0", "sequences-shard|g2|s1", "sequences-shard|g2|s2", "sequences-shard|g2|s3"],
            shards.Select(j => j.IdempotencyKey!).Order(StringComparer.Ordinal));
        Assert.All(shards, j => Assert.Equal(JobKind.Sequences, jobs.Single(p => p.Id == j.ParentId).Kind));
        Assert.All(shards.Concat(commits), j => Assert.Null(j.Task));
        Assert.Equal(["sequences-commit|g1", "sequences-commit|g2"], commits.Select(j => j.IdempotencyKey!).Order(StringComparer.Ordinal));
        Assert.All(commits, c => Assert.Equal(c.IdempotencyKey![^2..], shards.Single(s => s.Id == c.ParentId).IdempotencyKey!.Split('|')[1]));
        var manifest = (await host.Get<SequenceStore>().GetManifestAsync(PipelineHost.Tenant, Token))!;
        Assert.Equal(4, manifest.Shards);
        Assert.Equal(2, manifest.Generation);
        await foreach (var item in host.Store.ListAsync(TenantLayout.Root(PipelineHost.Tenant) + "_shards/", cancellationToken: Token))
        {
            Assert.Fail($"fan-in record left behind: {item.Key}");
        }
    }

    [Fact]
    public async Task CommitShards_AfterAnotherGenerationWasCommitted_RefusesAndKeepsTheManifest()
    {
        await using var host = new PipelineHost();
        await host.DropAllButLastDayAsync(clients: 300);
        await host.Get<Clickcast.Ingestion.Ingestor>().IngestAsync(PipelineHost.Tenant, new Clickcast.Ingestion.IngestOptions(), cancellationToken: Token);
        var builder = host.Get<SequenceBuilder>();
        var options = new SequenceOptions();
        var builds = new List<ShardBuild>();
        for (var shard = 0; shard < 2; shard++)
        {
            builds.Add(await builder.BuildShardAsync(PipelineHost.Tenant, null, 1, shard, 2, options, cancellationToken: Token));
        }

        await builder.UpdateAsync(PipelineHost.Tenant, options, cancellationToken: Token); // another update commits generation 1 first
        var (outcome, _) = await builder.CommitShardsAsync(PipelineHost.Tenant, builds, TimeSpan.Zero, Token);

        Assert.Equal(SequenceCommitOutcome.Superseded, outcome);
        var manifest = (await host.Get<SequenceStore>().GetManifestAsync(PipelineHost.Tenant, Token))!;
        Assert.Equal(1, manifest.Shards);
        Assert.Equal(1, manifest.Generation);
    }
}
