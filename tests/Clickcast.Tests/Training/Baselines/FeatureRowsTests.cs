using Clickcast.Training;
using Clickcast.Training.Baselines;

namespace Clickcast.Tests.Training.Baselines;

/// <summary>The logistic regression's rows in pooled blocks: each row reads back as the features it was given.</summary>
public sealed class FeatureRowsTests
{
    private static readonly Vocabulary Words = Vocabulary.Build(new Dictionary<string, long> { ["a"] = 9, ["b"] = 8, ["c"] = 7 }, 1, 100);

    private static BaselineFeatures FeaturesOf(int i)
    {
        var urls = Enumerable.Range(0, 1 + (i % 5)).Select(k => (k + i) % 3 == 0 ? "a" : (k % 2 == 0 ? "b" : "c")).ToArray();
        var times = Enumerable.Range(0, urls.Length).Select(k => 1_000_000_000_000L + (k * 60_000_000L) + i).ToArray();
        return BaselineFeatures.Of(urls, times, Words, times[^1] + 3_600_000_000L);
    }

    [Fact]
    public void Rows_ReadBackTheirFeaturesAndLabels_AcrossBlocks()
    {
        var count = FeatureRows.BlockRows + 10;
        var denseCount = BaselineFeatures.DenseNames.Count;

        var rows = FeatureRows.Of(Enumerable.Range(0, count).ToList(), FeaturesOf, i => i % 3 == 0, denseCount);

        Assert.Equal(count, rows.Count);
        Assert.Equal(2, rows.BlockCount);
        foreach (var i in new[] { 0, 1, 7, FeatureRows.BlockRows - 1, FeatureRows.BlockRows, count - 1 })
        {
            var expected = FeaturesOf(i);
            var row = rows[i];
            Assert.Equal(expected.TokenIds, row.TokenIds.ToArray());
            Assert.Equal(expected.TokenValues, row.TokenValues.ToArray());
            Assert.Equal(expected.Dense, row.Dense.ToArray());
            Assert.Equal(i % 3 == 0, row.Label);
        }
    }

    [Fact]
    public void Add_ARowOfAnotherWidth_IsRefused()
    {
        var rows = new FeatureRows(BaselineFeatures.DenseNames.Count + 1);

        Assert.Throws<ArgumentException>(() => rows.Add(FeaturesOf(1), true));
    }

    [Fact]
    public void Add_AfterSeal_IsRefused()
    {
        var rows = FeatureRows.Of(Enumerable.Range(0, 3).ToList(), FeaturesOf, _ => true, BaselineFeatures.DenseNames.Count);

        Assert.Throws<InvalidOperationException>(() => rows.Add(FeaturesOf(3), false));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void Rows_OfManySparseEntries_FillFixedPagesAndALongRowGetsOneOfItsOwn()
    {
        const int Width = 1_000;
        var rows = new FeatureRows(denseCount: 1);
        int[] Ids(int length, int seed) => [.. Enumerable.Range(0, length).Select(k => (k * 7) + seed)];
        float[] Values(int length, int seed) => [.. Enumerable.Range(0, length).Select(k => k + (seed / 10f))];
        var lengths = Enumerable.Range(0, 40).Select(i => i == 20 ? FeatureRows.PageEntries + 5 : Width).ToArray();

        for (var i = 0; i < lengths.Length; i++)
        {
            rows.Add(Ids(lengths[i], i), Values(lengths[i], i), [i], i % 2 == 0);
        }

        rows.Seal();

        // 16 rows of 1,000 fit a page of 16,384 entries (rows 0-15, 16-19); the long row 20 has a page of its own
        // length, and rows 21-36 and 37-39 fill two more: no row straddles two pages.
        Assert.Equal(5, rows.PageCount);
        for (var i = 0; i < lengths.Length; i++)
        {
            var row = rows[i];
            Assert.Equal(Ids(lengths[i], i), row.TokenIds.ToArray());
            Assert.Equal(Values(lengths[i], i), row.TokenValues.ToArray());
            Assert.Equal([(float)i], row.Dense.ToArray());
            Assert.Equal(i % 2 == 0, row.Label);
        }
    }

    [Fact]
    public void Rows_OfSmallIdsAndFewValues_AreStoredNarrow()
    {
        var rows = FeatureRows.Of(Enumerable.Range(0, 100).ToList(), FeaturesOf, _ => true, BaselineFeatures.DenseNames.Count);

        Assert.Equal(0, rows.WidePageCount);
        Assert.Equal(FeaturesOf(42).TokenValues, rows[42].TokenValues.ToArray());
    }

    [Fact]
    public void Add_AnIdPast16Bits_MakesThePagesWideAndEveryRowReadsBackExactly()
    {
        var rows = new FeatureRows(denseCount: 1);
        rows.Add([1, 65_535], [0.5f, -0f], [1], true);

        rows.Add([2, 65_536], [0.25f, float.Epsilon], [2], false);
        rows.Add([3], [0.5f], [3], true);
        rows.Seal();

        Assert.Equal(2, rows.PageCount);
        Assert.Equal(1, rows.WidePageCount);
        Assert.Equal([1, 65_535], rows[0].TokenIds.ToArray());
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(rows[0].TokenValues[1]));
        Assert.Equal([2, 65_536], rows[1].TokenIds.ToArray());
        Assert.Equal([0.25f, float.Epsilon], rows[1].TokenValues.ToArray());
        Assert.Equal([3], rows[2].TokenIds.ToArray());
        Assert.Equal([0.5f], rows[2].TokenValues.ToArray());
    }

    [Fact]
    public void Add_MoreThan65536DistinctValues_MakesThePagesWideAndEveryRowReadsBackExactly()
    {
        var rows = new FeatureRows(denseCount: 0);
        float[] Values(int row) => [.. Enumerable.Range(0, 1_000).Select(k => (row * 1_000) + k + 0.5f)];
        int[] ids = [.. Enumerable.Range(0, 1_000)];

        for (var row = 0; row < 70; row++)
        {
            rows.Add(ids, Values(row), [], false);
        }

        rows.Seal();

        Assert.True(rows.WidePageCount > 0);
        Assert.True(rows.WidePageCount < rows.PageCount);
        for (var row = 0; row < 70; row++)
        {
            Assert.Equal(Values(row), rows[row].TokenValues.ToArray());
            Assert.Equal(ids, rows[row].TokenIds.ToArray());
        }
    }
}
