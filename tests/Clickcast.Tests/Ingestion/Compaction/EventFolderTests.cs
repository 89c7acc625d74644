using Clickcast.Events;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>
/// What readers see of a folder at every moment of a compaction: the commit (compaction.json) decides, so a source's
/// rows are visible exactly once before it, at each crash point and after.
/// </summary>
public sealed class EventFolderTests
{
    private static readonly EventCompactionIndex Committed = new([new CompactedEventFile("compact-c1", [new CompactedSource("a1", 0, 10), new CompactedSource("b2", 10, 5)])]);

    [Theory]
    // State of the folder                                   files present                                    committed  visible
    [InlineData("before compaction", "a1,b2,c3", false, "a1,b2,c3")]
    [InlineData("killed before the commit", "a1,b2,c3,compact-c1", false, "a1,b2,c3")]
    [InlineData("killed after the commit", "a1,b2,c3,compact-c1", true, "c3,compact-c1")]
    [InlineData("finished", "c3,compact-c1", true, "c3,compact-c1")]
    [InlineData("an orphan of an older run beside the commit", "c3,compact-c1,compact-old", true, "c3,compact-c1")]
    public void Visible_AtEachStep_EverySourceOnce(string state, string present, bool committed, string expected)
    {
        var folder = new EventFolder("date=2026-11-01", 0, 1) { Index = committed ? Committed : null };
        folder.Files.AddRange(present.Split(',').Select(n => EventFileKey.Create("date=2026-11-01", 0, 1, n)));

        var visible = string.Join(',', folder.Visible().Select(f => f.Name));
        var invisible = folder.Invisible().Select(f => f.Name).ToHashSet();

        Assert.True(expected == visible, state);
        Assert.Equal(present.Split(',').Except(expected.Split(',')).ToHashSet(), invisible);
    }

    [Fact]
    public void Pieces_Committed_EachSourceByItsRowRange()
    {
        var folder = new EventFolder("date=2026-11-01", 0, 1) { Index = Committed };
        folder.Files.AddRange(new[] { "c3", "compact-c1" }.Select(n => EventFileKey.Create("date=2026-11-01", 0, 1, n)));

        var pieces = folder.Pieces().Select(p => (p.Source.Name, p.File.Name, p.First, p.Rows)).ToList();

        Assert.Equal([("c3", "c3", 0L, (long?)null), ("a1", "compact-c1", 0L, 10L), ("b2", "compact-c1", 10L, 5L)], pieces);
    }
}
