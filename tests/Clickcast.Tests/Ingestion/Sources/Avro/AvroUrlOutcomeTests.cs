using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>
/// The Avro reader answers a URL from the part that decides it (<see cref="Clickcast.Ingestion.Urls.UrlOutcomeKey"/>)
/// when it has answered another URL with that part: always what the normalizer answers for the whole URL.
/// </summary>
public sealed class AvroUrlOutcomeTests
{
    /// <summary>Pages with and without queries and fragments, in both orders, around a 48-character limit.</summary>
    private static readonly string[] Urls =
    [
        "https://shop.example.com/p/1",
        "https://shop.example.com/p/1?gclid=a1",
        "https://shop.example.com/p/1?gclid=b2",
        "https://shop.example.com/p/1#reviews",
        "https://shop.example.com/p/1?utm_source=news",
        "https://shop.example.com/p/1?utm_source=news",
        "https://shop.example.com/p/2?gclid=0123456789ab",
        "https://shop.example.com/p/2?gclid=0123456789abc",
        "https://shop.example.com/p/2?gclid=0123456789abcd",
        "https://shop.example.com/p/2?gclid=c3",
        "https://shop.example.com/p/3?gclid=0123456789abcd",
        "https://shop.example.com/p/3?gclid=d4",
        "https://shop.example.com/p/3",
        "https://shop.example.com/p/3?",
        "https://shop.example.com/p/3#",
        "https://www.shop.example.com/p/4/?a=1#x",
        "https://www.shop.example.com/p/4/?a=2#y",
        "https://shop.example.com/logo.png?v=1",
        "https://shop.example.com/logo.png?v=2",
        "https://cdn.cloudflare.com/x?y=1",
        "https://cdn.cloudflare.com/x?y=2",
        "not a url?x=1",
        "not a url?x=2",
        "  https://shop.example.com/p/5?q=1",
        "  https://shop.example.com/p/5?q=2",
        "https://bücher.example/straße?gclid=e5",
        "https://bücher.example/straße?gclid=f6",
        "/p/6?gclid=1",
        "/p/6?gclid=2",
    ];

    public static TheoryData<string> Settings => ["default", "keepQuery", "token", "maxUrlLength", "urlsMaxLength", "defaultHost"];

    [Theory]
    [MemberData(nameof(Settings))]
    public void Read_UrlsSharingTheirDecidingPart_AnswerAsTheNormalizerDoesForTheWholeUrl(string setting)
    {
        var normalizer = new EventNormalizer(Options(setting));
        var context = new SourceReadContext("t.avro", Options(setting).Mapping, Options(setting).Limits)
        {
            UrlOutcomes = normalizer.OutcomeOf,
            UrlOutcomeKey = normalizer.OutcomeKey,
        };
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Deflate, Urls.Length, (r, i) => AvroTestData.WriteFlat(r, $"c{i}", AvroTestData.Millis + i, Urls[i]));

        var records = AvroTestData.Read(file, context);

        // A normalizer without a cache parses every URL whole: the reference, independent of the rule under test.
        var uncached = Options(setting);
        uncached.Urls.CacheCapacity = 0;
        var reference = new EventNormalizer(uncached);
        Assert.Equal(Urls.Length, records.Count);
        for (var i = 0; i < Urls.Length; i++)
        {
            if (records[i].Problem != DropReason.None)
            {
                // The reader drops a URL past Limits.MaxUrlLength itself, before any outcome.
                Assert.Equal((DropReason.UrlTooLong, true), (records[i].Problem, Urls[i].Length > context.Limits.MaxUrlLength));
                continue;
            }

            Assert.Equal(Urls[i], records[i].Url);
            Assert.True(records[i].UrlOutcome.IsKnown, Urls[i]);
            Assert.Equal(reference.OutcomeOf(Urls[i]), records[i].UrlOutcome);
        }
    }

    [Fact]
    public void Read_OneOffClickIds_AsksOncePerPage()
    {
        var normalizer = new EventNormalizer(new IngestOptions());
        var asked = 0;
        var context = new SourceReadContext("t.avro", new(), new())
        {
            UrlOutcomes = url =>
            {
                asked++;
                return normalizer.OutcomeOf(url);
            },
            UrlOutcomeKey = normalizer.OutcomeKey,
        };
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Deflate, 1_000, (r, i) => AvroTestData.WriteFlat(r, $"c{i}", AvroTestData.Millis + i, $"https://shop.example.com/p/{i % 5}?gclid={i:x}"));

        var records = AvroTestData.Read(file, context);

        Assert.Equal(5, asked);
        Assert.Equal(1_000, records.Select(r => r.Url).Distinct().Count());
        Assert.All(records, r => Assert.Equal(normalizer.OutcomeOf(r.Url!), r.UrlOutcome));
    }

    private static IngestOptions Options(string setting)
    {
        var options = new IngestOptions();
        switch (setting)
        {
            case "keepQuery":
                options.Urls.KeepQuery = true;
                break;
            case "token":
                options.Mapping.UrlKind = UrlFieldKind.Token;
                break;
            case "maxUrlLength":
                options.Limits.MaxUrlLength = 48;
                break;
            case "urlsMaxLength":
                options.Urls.MaxLength = 48;
                break;
            case "defaultHost":
                options.Urls.DefaultHost = "shop.example.com";
                break;
        }

        return options;
    }
}
