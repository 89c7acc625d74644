using System.Globalization;
using Clickcast.Events;
using Clickcast.Testing;

namespace Clickcast.Tests.Events;

public sealed class EventFileWriterTests
{
    [Fact]
    public async Task FlushAsync_OfMegabytes_CompletesOnTheCallingThread_AndTheEventsReadBack()
    {
        // An asynchronous FileStream write on Linux is queued to the thread pool: an ingest hopped threads per
        // 64 KiB written. The flush of a row group several megabytes large must finish before it returns.
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var events = Enumerable.Range(0, 100_000)
            .Select(i => new ClickEvent("client-" + i.ToString(CultureInfo.InvariantCulture), 1_700_000_000_000_000L + i, "example.com/page/" + i.ToString(CultureInfo.InvariantCulture), "view"))
            .ToList();
        var writer = await EventFileWriter.CreateAsync("t", path, TestContext.Current.CancellationToken);
        await using (writer)
        {
            foreach (var click in events)
            {
                await writer.AddAsync(click, TestContext.Current.CancellationToken);
            }

            var flush = writer.FlushAsync(TestContext.Current.CancellationToken);
            Assert.True(flush.IsCompletedSuccessfully);
            await flush;
        }

        var read = new List<ClickEvent>();
        await foreach (var batch in EventFileReader.ReadAsync(path, TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                read.Add(batch[i]);
            }
        }

        Assert.Equal(events, read);
    }
}
