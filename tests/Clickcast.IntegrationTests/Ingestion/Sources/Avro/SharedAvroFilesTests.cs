using Clickcast.Events;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;
using Clickcast.Tests.Ingestion.Sources.Avro;

namespace Clickcast.IntegrationTests.Ingestion.Sources.Avro;

/// <summary>The real CDP-style files in ../shared/data/avro (written by python3-avro), checked record by record against Apache.Avro.</summary>
public sealed class SharedAvroFilesTests
{
    [Theory]
    [InlineData("events-flat-deflate.avro")]
    [InlineData("events-flat-null.avro")]
    [InlineData("events-nested-deflate.avro")]
    public void Read_SharedFile_YieldsWhatApacheAvroReads(string name)
    {
        var path = AvroTestData.SharedFile(name);
        var context = AvroTestData.Context(name);
        using var file = File.OpenRead(path);

        var rows = AvroTestData.Read(file, context);

        Assert.NotNull(context.ResolvedMapping);
        using var again = File.OpenRead(path);
        var expected = AvroTestData.ReadWithApache(again, context.ResolvedMapping);
        Assert.Equal(AvroTestData.SharedFileRecords, rows.Count);
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i], rows[i]);
        }
    }

    [Fact]
    public void Read_FlatFile_DetectsFlatFields()
    {
        var context = AvroTestData.Context();
        using var file = File.OpenRead(AvroTestData.SharedFile("events-flat-null.avro"));

        var first = new AvroSourceReader().Read(file, context).First();

        Assert.Equal(new ResolvedFieldMapping("client_id", "ts", "url", "event_type", "referrer", "user_agent"), context.ResolvedMapping);
        Assert.Equal(1, first.Row);
        Assert.Equal(DropReason.None, first.Problem);
        Assert.StartsWith("http", first.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestedFile_DetectsNestedPaths()
    {
        var context = AvroTestData.Context();
        using var file = File.OpenRead(AvroTestData.SharedFile("events-nested-deflate.avro"));

        var rows = AvroTestData.Read(file, context);

        Assert.Equal(
            new ResolvedFieldMapping("profile.cid", "timestamp", "context.page.url", null, "context.page.referrer", "context.userAgent"),
            context.ResolvedMapping);
        Assert.All(rows, r => Assert.Null(r.EventType));
        Assert.Equal(rows.Count, rows.Select(r => r.Row).Distinct().Count());
    }

    [Fact]
    public void Read_FlatAndNestedFiles_GiveTheSameTimes()
    {
        // Both files come from the same log lines: millis in one, micros in the other.
        using var flat = File.OpenRead(AvroTestData.SharedFile("events-flat-deflate.avro"));
        using var nested = File.OpenRead(AvroTestData.SharedFile("events-nested-deflate.avro"));

        var flatTimes = AvroTestData.Read(flat).Select(r => r.TimestampMicros);
        var nestedTimes = AvroTestData.Read(nested).Select(r => r.TimestampMicros);

        Assert.Equal(flatTimes, nestedTimes);
    }

    [Fact]
    public void Read_ConfiguredPaths_OverrideDetection()
    {
        var mapping = new FieldMappingOptions { ClientId = "event_id", Url = "referrer" };
        var context = AvroTestData.Context(mapping: mapping);
        using var file = File.OpenRead(AvroTestData.SharedFile("events-flat-null.avro"));

        var rows = AvroTestData.Read(file, context);

        Assert.Equal("event_id", context.ResolvedMapping!.ClientId);
        Assert.Equal("referrer", context.ResolvedMapping.Url);
        Assert.Contains(rows, r => r.Problem == DropReason.MissingUrl);
        Assert.All(rows.Where(r => r.Problem == DropReason.None), r => Assert.NotNull(r.Url));
        Assert.Equal(rows.Count(r => r.Problem == DropReason.None), rows.Where(r => r.Problem == DropReason.None).Select(r => r.ClientId).Distinct().Count());
    }
}
