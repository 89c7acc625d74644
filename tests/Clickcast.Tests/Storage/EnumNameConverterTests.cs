using System.Text.Json;
using Clickcast.Export;
using Clickcast.Storage;

namespace Clickcast.Tests.Storage;

public sealed class EnumNameConverterTests
{
    [Theory]
    [InlineData("\"S3\"")]
    [InlineData("\"s3\"")]
    public void ClickcastJson_EnumName_ReadsAnyCase(string json) =>
        Assert.Equal(StorageKind.S3, JsonSerializer.Deserialize<StorageKind>(json, ClickcastJson.Options));

    [Fact]
    public void ClickcastJson_EnumTypo_QuotesTheValueAndListsTheNames()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, StorageKind>>("""{"storage": "S4"}""", ClickcastJson.Options));
        Assert.Equal("$.storage", error.Path);
        Assert.Contains("'S4' is not one of Local, S3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickcastJson_EnumDictionaryKeys_RoundTripAsNames()
    {
        var counts = new Dictionary<StorageKind, long> { [StorageKind.Local] = 2, [StorageKind.S3] = 3 };

        var json = JsonSerializer.Serialize(counts, ClickcastJson.Options);

        Assert.Equal("""{"Local":2,"S3":3}""", json);
        Assert.Equal(counts, JsonSerializer.Deserialize<Dictionary<StorageKind, long>>(json, ClickcastJson.Options));
    }

    [Fact]
    public void ClickcastJson_FlagsEnum_KeepsCommaSeparatedNames()
    {
        var both = ExportFileFormats.Csv | ExportFileFormats.Parquet;
        var json = JsonSerializer.Serialize(both, ClickcastJson.Options);
        Assert.Equal(both, JsonSerializer.Deserialize<ExportFileFormats>(json, ClickcastJson.Options));
    }
}
