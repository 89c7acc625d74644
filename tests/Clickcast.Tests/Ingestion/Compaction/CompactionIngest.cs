using Clickcast.Ingestion;
using Clickcast.Storage;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>Ingests <see cref="CompactionFixture"/> files through an <see cref="IngestHarness"/>.</summary>
internal static class CompactionIngest
{
    private const string Tenant = CompactionFixture.Tenant;

    /// <summary>Puts and ingests <paramref name="files"/> one-day CSV files into the layout of <paramref name="shards"/>.</summary>
    public static async Task IngestAsync(IngestHarness harness, int files, int shards, IngestOptions? options = null)
    {
        for (var file = 0; file < files; file++)
        {
            await harness.PutAsync($"f{file:D2}.csv", CompactionFixture.OneDay(file));
            await harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"f{file:D2}.csv", options ?? new IngestOptions { MaxParallelFiles = 1 }, IngestRedo.None, shards, TestContext.Current.CancellationToken);
        }
    }
}
