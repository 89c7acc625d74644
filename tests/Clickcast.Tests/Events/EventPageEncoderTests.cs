using System.Globalization;
using Clickcast.Events;
using Clickcast.Testing;
using Parquet;

namespace Clickcast.Tests.Events;

/// <summary>String column chunks of every shape encode the same whichever way their values are looked up, and read back as written.</summary>
public sealed class EventPageEncoderTests
{
    public static TheoryData<string> Shapes =>
    [
        "empty", "one value", "all distinct", "all equal", "over 2^16 distinct", "non-ASCII", "long strings",
        "equal text as distinct instances", "runs of distinct instances",
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WriteStrings_ByReferenceOrByTextOnly_WritesTheSameBytes(string shape)
    {
        var values = Values(shape);
        var rows = Enumerable.Range(0, values.Length).ToArray();

        Assert.Equal(Encode(values, rows, sharedInstances: true), Encode(values, rows, sharedInstances: false));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WriteStrings_RowsInAnotherOrder_WritesTheSameBytesAsTheValuesInThatOrder(string shape)
    {
        var values = Values(shape);
        var rows = Enumerable.Range(0, values.Length).Reverse().ToArray();
        var reordered = Array.ConvertAll(rows, r => values[r]);

        Assert.Equal(Encode(reordered, Enumerable.Range(0, values.Length).ToArray(), sharedInstances: false), Encode(values, rows, sharedInstances: false));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task WrittenFile_WithTheShapeInEveryStringColumn_ReadsBackThroughParquetNetAndOurReader(string shape)
    {
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var values = Values(shape);
        var events = values.Select((v, i) => new ClickEvent(v, 1_700_000_000_000_000L + i, v, v)).ToList();
        await using (var writer = await EventFileWriter.CreateAsync("bench", path, TestContext.Current.CancellationToken))
        {
            foreach (var click in events)
            {
                await writer.AddAsync(click, TestContext.Current.CancellationToken);
            }
        }

        await using (var stream = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken))
        {
            var read = new List<string>[3];
            for (var c = 0; c < read.Length; c++)
            {
                read[c] = [];
            }

            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var column = 0;
                foreach (var field in new[] { EventFile.ClientId, EventFile.Url, EventFile.EventType })
                {
                    var chunk = new string[group.RowCount];
                    await group.ReadAsync(field, chunk, cancellationToken: TestContext.Current.CancellationToken);
                    read[column++].AddRange(chunk);
                }
            }

            Assert.All(read, column => Assert.Equal(values, column));
        }

        var ours = new List<ClickEvent>();
        await foreach (var batch in EventFileReader.ReadAsync(path, TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                ours.Add(batch[i]);
            }
        }

        Assert.Equal(events, ours);
    }

    private static byte[] Encode(string[] values, int[] rows, bool sharedInstances)
    {
        var encoder = new EventPageEncoder();
        using var stream = new MemoryStream();
        long position = 0;
        var chunk = encoder.WriteStrings(stream, ref position, values, rows, sharedInstances);
        Assert.Equal(stream.Length, position);
        Assert.Equal(position, chunk.Compressed);
        return stream.ToArray();
    }

    private static string[] Values(string shape)
    {
        static string Id(int i) => "client-" + i.ToString(CultureInfo.InvariantCulture);
        return shape switch
        {
            "empty" => [],
            "one value" => ["only"],
            "all distinct" => [.. Enumerable.Range(0, 5_000).Select(Id)],
            "all equal" => [.. Enumerable.Repeat("same", 5_000)],
            "over 2^16 distinct" => [.. Enumerable.Range(0, 70_000).Select(i => Id(i * 7919 % 70_000))],
            "non-ASCII" => [.. Enumerable.Range(0, 3_000).Select(i => (i % 5) switch
            {
                0 => "ñandú/" + Id(i % 17),
                1 => "événement",
                2 => "购物车/" + Id(i % 3),
                3 => "🛒🛍️",
                _ => "plain",
            })],
            "long strings" => [.. Enumerable.Range(0, 60).Select(i => new string((char)('a' + (i % 7)), 100_000 + i))],
            "equal text as distinct instances" => [.. Enumerable.Range(0, 4_000).Select(i => new string(Id(i / 3 % 500).AsSpan()))],
            "runs of distinct instances" => [.. Enumerable.Range(0, 6_000).Select(i => new string(Id((i / 4) + (i % 7 == 0 ? 1 : 0)).AsSpan()))],
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
    }
}
