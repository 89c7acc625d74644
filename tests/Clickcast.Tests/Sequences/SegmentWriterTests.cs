using Clickcast.Sequences;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Sequences;

public sealed class SegmentWriterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ClientSequence Sequence(string client, int events, long from) =>
        new(client, (ulong)client.Length, [.. Enumerable.Range(0, events).Select(e => $"u{e % 7}")], [.. Enumerable.Range(0, events).Select(e => from + (e * 1_500_000L))], [.. Enumerable.Range(0, events).Select(e => e % 2 == 0 ? "view" : "click")], from, from + events, events, 3);

    private static async Task<byte[]> WriteAsync(string path, SegmentColumns columns, params ClientSequence[] sequences)
    {
        await using (var writer = await SegmentWriter.CreateAsync(path, columns, Token))
        {
            foreach (var sequence in sequences)
            {
                await writer.AddAsync(sequence, Token);
            }
        }

        return await File.ReadAllBytesAsync(path, Token);
    }

    [Fact]
    public async Task AddAsync_ColumnsReusedAfterALargerSegment_WriteTheSameBytesAsFreshColumns()
    {
        using var folder = new TempFolder();
        var columns = new SegmentColumns();
        await WriteAsync(Path.Combine(folder.Path, "first.parquet"), columns, Sequence("a", 50, 1), Sequence("bb", 40, 2), Sequence("ccc", 30, 3));

        var reused = await WriteAsync(Path.Combine(folder.Path, "reused.parquet"), columns, Sequence("x", 3, 10), Sequence("yy", 1, 20));
        var fresh = await WriteAsync(Path.Combine(folder.Path, "fresh.parquet"), new SegmentColumns(), Sequence("x", 3, 10), Sequence("yy", 1, 20));

        Assert.Equal(fresh, reused);
    }

    [Fact]
    public async Task AddAsync_OutOfOrder_ThrowsNamingBothClients()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "order.parquet");
        await using var writer = await SegmentWriter.CreateAsync(path, Token);
        await writer.AddAsync(Sequence("bb", 1, 1), Token);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await writer.AddAsync(Sequence("a", 1, 1), Token));

        Assert.Contains("'a' came after 'bb'", error.Message, StringComparison.Ordinal);
    }
}
