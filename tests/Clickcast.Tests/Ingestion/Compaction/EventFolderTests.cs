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

    [Theory]
    // State of the folder (c1 = compact-c1 holding a1, b2; r:x = x's rescue file of c1)  files present  tombstones  visible
    [InlineData("killed after the rescue files, before a tombstone", "c3,compact-c1,r:a1,r:b2", "", "c3,compact-c1")]
    [InlineData("a1 released, its new file not written yet", "c3,compact-c1,r:a1,r:b2", "a1", "c3,r:b2")]
    [InlineData("a1 released and ingested again", "a1,c3,compact-c1,r:a1,r:b2", "a1", "a1,c3,r:b2")]
    [InlineData("a1 and b2 released by two workers at once", "a1,b2,c3,compact-c1,r:a1,r:b2", "a1,b2", "a1,b2,c3")]
    [InlineData("a tombstone of a file the commit no longer lists", "c3,compact-c1", "old:a1", "c3,compact-c1")]
    public void Visible_AtEachStepOfARelease_EverySourceOnce(string state, string present, string tombstones, string expected)
    {
        var folder = new EventFolder("date=2026-11-01", 0, 1) { Index = Committed };
        folder.Files.AddRange(present.Split(',').Select(n => EventFileKey.Create("date=2026-11-01", 0, 1, Name(n))));
        foreach (var tombstone in tombstones.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            folder.Releases.Add(tombstone.StartsWith("old:", StringComparison.Ordinal) ? new EventRelease("compact-old", tombstone[4..]) : new EventRelease("compact-c1", tombstone));
        }

        var visible = folder.Visible().Select(f => f.Name).ToHashSet();
        var sources = folder.Pieces().Select(p => p.Source.Name).Order().ToList();

        Assert.True(expected.Split(',').Select(Name).ToHashSet().SetEquals(visible), state);
        Assert.Equal(sources.Distinct(), sources); // no source twice
        Assert.Equal(tombstones.StartsWith("old:", StringComparison.Ordinal) ? 1 : 0, folder.InertReleases().Count());
    }

    [Fact]
    public void TryParseKey_ATombstoneKey_GivesItsFolderAndRelease()
    {
        var release = new EventRelease("compact-0123456789abcdef01234567", "a1-p0");
        var key = release.KeyOf("acme", "date=2026-11-01", 3, 4);

        Assert.True(EventRelease.TryParseKey("acme", key, out var folder, out var parsed));
        Assert.Equal(release, parsed);
        Assert.Equal(("date=2026-11-01", 3, 4), (folder.Period, folder.Shard, folder.Shards));
        Assert.False(EventRelease.TryParseKey("acme", EventCompactionIndex.KeyOf("acme", "date=2026-11-01", 3, 4), out _, out _));
    }

    private static string Name(string name) => name.StartsWith("r:", StringComparison.Ordinal) ? EventRelease.RescueName("compact-c1", name[2..]) : name;
}
