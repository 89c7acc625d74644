using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Tests.Support;

/// <summary>Writes normalized event files straight into a store, for tests that start after ingest.</summary>
internal static class EventFiles
{
    public static async Task WriteAsync(LocalObjectStore store, string tenant, string relativeKey, IReadOnlyList<ClickEvent> events)
    {
        var path = Path.Combine(Path.GetTempPath(), "clickcast-events-" + Guid.NewGuid().ToString("N") + ".parquet");
        await using (var writer = await EventFileWriter.CreateAsync(tenant, path, TestContext.Current.CancellationToken))
        {
            foreach (var click in events)
            {
                await writer.AddAsync(click, TestContext.Current.CancellationToken);
            }
        }

        store.MoveFileIn(path, TenantLayout.Events(tenant) + relativeKey);
    }
}
