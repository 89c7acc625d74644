using Clickcast.Sequences;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Sequences;

public sealed class SegmentWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ClientSequence Sequence(string client, int events, long from) =>
        new(client, (ulong)client.Length, [.. Enumerable.Range(0, events).Select(e => $"u{e % 7}")], [.. Enumerable.Range(0, events).Select(e => from + (e * 1_500_000L))], [.. Enumerable.Range(0, events).Select(e => e % 2 == 0 ? "view" : "click")], from, from + events, events, 3);

    private async Task<byte[]> WriteAsync(string name, SegmentColumns columns, params ClientSequence[] sequences)
    {
        var path = Path.Combine(_folder.Path, name);
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
        var columns = new SegmentColumns();
        await WriteAsync("first.parquet", columns, Sequence("a", 50, 1), Sequence("bb", 40, 2), Sequence("ccc", 30, 3));

        var reused = await WriteAsync("reused.parquet", columns, Sequence("x", 3, 10), Sequence("yy", 1, 20));
        var fresh = await WriteAsync("fresh.parquet", new SegmentColumns(), Sequence("x", 3, 10), Sequence("yy", 1, 20));

        Assert.Equal(fresh, reused);
    }

    [Fact]
    public async Task AddAsync_OutOfOrder_ThrowsNamingBothClients()
    {
        var path = Path.Combine(_folder.Path, "order.parquet");
        await using var writer = await SegmentWriter.CreateAsync(path, Token);
        await writer.AddAsync(Sequence("bb", 1, 1), Token);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await writer.AddAsync(Sequence("a", 1, 1), Token));

        Assert.Contains("'a' came after 'bb'", error.Message, StringComparison.Ordinal);
    }
}
