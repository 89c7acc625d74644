using System.Globalization;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Tests.Support;

/// <summary>Writes and reads normalized event files with Clickcast's own writer and reader, for tests that start after ingest.</summary>
internal static class EventFiles
{
    public static async Task WriteAsync(LocalObjectStore store, string tenant, string relativeKey, IReadOnlyList<ClickEvent> events)
    {
        var path = Path.Combine(Path.GetTempPath(), "clickcast-events-" + Guid.NewGuid().ToString("N") + ".parquet");
        await WriteFileAsync(path, events, tenant);
        store.MoveFileIn(path, TenantLayout.Events(tenant) + relativeKey);
    }

    /// <summary>Writes <paramref name="events"/> to <paramref name="path"/> through <see cref="EventFileWriter"/>.</summary>
    public static async Task WriteFileAsync(string path, IReadOnlyList<ClickEvent> events, string tenant = "bench")
    {
        await using var writer = await EventFileWriter.CreateAsync(tenant, path, TestContext.Current.CancellationToken);
        foreach (var click in events)
        {
            await writer.AddAsync(click, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Every event of the file at <paramref name="path"/>, as <see cref="EventFileReader"/> reads them.</summary>
    public static async Task<List<ClickEvent>> ReadFileAsync(string path)
    {
        var read = new List<ClickEvent>();
        await foreach (var batch in EventFileReader.ReadAsync(path, TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                read.Add(batch[i]);
            }
        }

        return read;
    }

    /// <summary>
    /// Runs, alternations, many distinct URLs (index widths past a byte), non-ASCII text and, at large counts, several
    /// row groups; the same events for the same arguments.
    /// </summary>
    public static List<ClickEvent> Mixed(int count, int seed, int distinctUrls, bool nonAsciiClients)
    {
        var random = new Random(seed);
        string[] types = ["view", "add_to_cart", "purchase", "événement"];
        var urls = Enumerable.Range(0, distinctUrls).Select(i => "shop.example.com/" + (i % 3 == 0 ? "ñandú/" : "p/") + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var events = new List<ClickEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var client = (nonAsciiClients && i % 5 == 0 ? "客户-" : "client-") + (i / 37).ToString(CultureInfo.InvariantCulture);
            var url = (i / 100 % 3) switch
            {
                0 => urls[0],
                1 => urls[i % 2],
                _ => urls[random.Next(urls.Length)],
            };
            events.Add(new ClickEvent(client, 1_700_000_000_000_000L + (i * 1_000L) + random.Next(1_000), url, types[(i / 9) % types.Length]));
        }

        return events;
    }
}
