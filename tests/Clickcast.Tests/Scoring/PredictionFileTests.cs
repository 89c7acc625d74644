using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Scoring;

public sealed class PredictionFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public PredictionFileTests()
    {
        _store = new LocalObjectStore(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<List<Prediction>> ReadAllAsync(string path)
    {
        var rows = new List<Prediction>();
        await foreach (var row in PredictionFileReader.ReadAsync(path, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_ReturnsTheSameRows()
    {
        var rows = Predictions.Make("acme", "buy-7d", 7);
        var key = await Predictions.WriteAsync(_store, "acme", "buy-7d", "run-1", rows);

        Assert.Equal("tenants/acme/tasks/buy-7d/predictions/run-1.parquet", key);
        Assert.Equal(rows, await ReadAllAsync(_store.PathOf(key)));
    }

    [Fact]
    public async Task WriteAsync_MoreRowsThanARowGroup_ReadsBackEveryRowInOrder()
    {
        var rows = Predictions.Make("acme", "buy-7d", PredictionFile.RowGroupSize + 10);
        var key = await Predictions.WriteAsync(_store, "acme", "buy-7d", "big", rows);

        var read = await ReadAllAsync(_store.PathOf(key));

        Assert.Equal(rows.Count, read.Count);
        Assert.Equal(rows[^1], read[^1]);
        Assert.Equal(rows[PredictionFile.RowGroupSize], read[PredictionFile.RowGroupSize]);
    }

    [Fact]
    public async Task WriteAsync_ScoredAtFinerThanMicros_IsTruncatedToMicros()
    {
        var precise = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var row = new Prediction("acme", "buy-7d", "c1", 0.5, 50, "medium", false, 1, precise);
        var key = await Predictions.WriteAsync(_store, "acme", "buy-7d", "t", [row]);

        var read = Assert.Single(await ReadAllAsync(_store.PathOf(key)));

        Assert.Equal(precise.AddTicks(-7), read.ScoredAt);
    }

    [Fact]
    public async Task WriteAsync_ColumnsHaveTheDocumentedTypesInDuckDb()
    {
        var key = await Predictions.WriteAsync(_store, "acme", "buy-7d", "run-1", Predictions.Make("acme", "buy-7d", 3));

        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{_store.PathOf(key)}'))";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add($"{reader.GetString(0)} {reader.GetString(1)}");
        }

        Assert.Equal(
            ["tenant VARCHAR", "task VARCHAR", "client_id VARCHAR", "probability DOUBLE", "percentile DOUBLE", "bucket VARCHAR", "above_threshold BOOLEAN", "model_version INTEGER", "scored_at TIMESTAMP WITH TIME ZONE"],
            columns);
    }

    [Fact]
    public async Task ReadAsync_FileWithoutPredictionColumns_Throws()
    {
        var path = _folder.File("events.parquet");
        await using (var writer = await Clickcast.Events.EventFileWriter.CreateAsync("acme", path, TestContext.Current.CancellationToken))
        {
            await writer.AddAsync(new Clickcast.Events.ClickEvent("c1", 0, "u", "page_view"), TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(path));
    }
}
