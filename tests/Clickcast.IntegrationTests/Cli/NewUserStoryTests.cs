using System.Globalization;
using System.Text.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Testing;
using Parquet;
using Parquet.Schema;

namespace Clickcast.IntegrationTests.Cli;

/// <summary>
/// Issue 10's "new user" story through the real command line, once per kind of file a data engineer brings: a
/// fresh data folder, a definition written only from docs/ingest.md, <c>tenants apply</c>, then <c>ingest</c>,
/// <c>sequences</c> and <c>train</c> with the stored definition and no <c>--config</c>. Training must end with a
/// model folder, or refuse naming the cause: never a silent success.
/// </summary>
public sealed class NewUserStoryTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    // A later visit to /blog occurs for about 14 % of the access log's eligible clients (../shared/data/README.md), but
    // the log spans three days: by time (horizon one day, cutoff a day before its end) only 2 or 3 clients convert, so
    // the task reads order, as the README counts it: the first page view observed, /blog anywhere after it.
    private const string BlogTask = """
        "tasks": [ { "id": "blog", "attribute": "later_blog",
          "target": { "urlPattern": "semicomplete.com/blog" },
          "labeling": { "mode": "Position", "observedEvents": 1, "minPositives": 20, "minNegatives": 20, "minPositivesPerEvaluationSplit": 2 },
          "model": { "family": "LogisticRegression" } } ]
        """;

    // Diginetica sessions rarely span two days: order, not time, is what the data has.
    private const string PurchaseTask = """
        "tasks": [ { "id": "buy", "attribute": "will_buy",
          "target": { "eventType": "purchase" },
          "labeling": { "mode": "Position", "observedEvents": 1, "minPositives": 20, "minNegatives": 20, "minPositivesPerEvaluationSplit": 2 },
          "model": { "family": "LogisticRegression" } } ]
        """;

    [Theory]
    [InlineData("avro/events-flat-deflate.avro", """ "ingest": {} """)]
    [InlineData("avro/events-flat-null.avro", """ "ingest": {} """)]
    [InlineData("avro/events-nested-deflate.avro", """ "ingest": { "mapping": { "clientId": "profile.cid", "timestamp": "timestamp", "url": "context.page.url", "userAgent": "context.userAgent" } } """)]
    [InlineData("apache-combined/access.log", """ "ingest": { "urls": { "defaultHost": "semicomplete.com" } } """)]
    public async Task NewUser_SharedFileWithDefinitionFromTheDocs_IngestsBuildsSequencesAndTrainsAModel(string file, string ingest)
    {
        using var folder = new TempFolder();

        await StoryAsync(folder, SharedData.File(file), ingest, BlogTask);
    }

    [Fact]
    public async Task NewUser_HeaderlessCsvWithOpaqueTokens_IngestsBuildsSequencesAndTrainsAModel()
    {
        using var folder = new TempFolder();
        var csv = folder.File("views.csv");
        var lines = await File.ReadAllLinesAsync(SharedData.File("ecommerce/diginetica-sample-events.csv"), TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(csv, lines.Skip(1), TestContext.Current.CancellationToken);
        const string Ingest = """
            "ingest": { "mapping": {
              "columns": ["session_id", "user_id", "event_date", "timeframe_ms", "event_type", "item_id", "order_number"],
              "clientId": "session_id", "timestamp": "event_date", "url": "item_id", "eventType": "event_type", "urlKind": "Token" } }
            """;

        await StoryAsync(folder, csv, Ingest, PurchaseTask);
    }

    [Fact]
    public async Task NewUser_ParquetFile_IngestsBuildsSequencesAndTrainsAModel()
    {
        using var folder = new TempFolder();
        var parquet = folder.File("views.parquet");
        await WriteParquetAsync(SharedData.File("ecommerce/diginetica-sample-events.csv"), parquet);
        const string Ingest = """ "ingest": { "mapping": { "clientId": "session", "timestamp": "ts", "url": "page", "eventType": "event_type" }, "urls": { "pathSegments": 2 } } """;

        await StoryAsync(folder, parquet, Ingest, PurchaseTask);
    }

    private static async Task StoryAsync(TempFolder folder, string source, string ingest, string tasks)
    {
        var data = folder.Path;
        var definition = folder.File("tenant.json");
        await File.WriteAllTextAsync(definition, "{ \"id\": \"shop\", " + ingest + ", " + tasks + " }", TestContext.Current.CancellationToken);

        var applied = await CliProcess.RunAsync(data, NoEnvironment, "tenants", "apply", "--file", definition);
        Assert.True(applied.ExitCode == 0, applied.Output);

        // docs/ingest.md: start with --inspect, under the stored definition. It would ingest, keeping rows.
        var inspected = await CliProcess.RunAsync(data, NoEnvironment, "ingest", "--tenant", "shop", "--inspect", source, "--json");
        Assert.True(inspected.ExitCode == 0, inspected.Output);
        var json = inspected.Output[inspected.Output.IndexOf('{', StringComparison.Ordinal)..(inspected.Output.LastIndexOf('}') + 1)];
        using (var inspection = JsonDocument.Parse(json))
        {
            Assert.True(inspection.RootElement.GetProperty("rowsKept").GetInt64() > 0, inspected.Output);
        }

        var ingested = await CliProcess.RunAsync(data, NoEnvironment, "ingest", "--tenant", "shop", "--source", source);
        Assert.True(ingested.ExitCode == 0, ingested.Output);
        Assert.Contains("using tenant shop's stored definition v1", ingested.Output, StringComparison.Ordinal);
        Assert.Contains("1 ingested, 0 already ingested, 0 quarantined", ingested.Output, StringComparison.Ordinal);

        var sequences = await CliProcess.RunAsync(data, NoEnvironment, "sequences", "--tenant", "shop");
        Assert.True(sequences.ExitCode == 0, sequences.Output);

        var trained = await CliProcess.RunAsync(data, NoEnvironment, "train", "--tenant", "shop");
        Assert.True(trained.ExitCode == 0, trained.Output);
        Assert.Contains("stored definition v1", trained.Output, StringComparison.Ordinal);
        Assert.Contains("Model folder:", trained.Output, StringComparison.Ordinal);
        var models = Directory.EnumerateFiles(Path.Combine(data, "models", "shop"), "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(models);
    }

    /// <summary>The Diginetica events as a Parquet file of the kind a warehouse export writes: ids as text, time in epoch milliseconds.</summary>
    private static async Task WriteParquetAsync(string csv, string path)
    {
        var rows = (await File.ReadAllLinesAsync(csv, TestContext.Current.CancellationToken)).Skip(1).Select(line => line.Split(',')).ToList();
        var session = new DataField<string>("session");
        var ts = new DataField<long>("ts");
        var page = new DataField<string>("page");
        var eventType = new DataField<string>("event_type");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(session, ts, page, eventType), stream, cancellationToken: TestContext.Current.CancellationToken);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(session, [.. rows.Select(r => r[0])]);
        var millis = rows.Select(r => DateTimeOffset.ParseExact(r[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds()
            + long.Parse(r[3], CultureInfo.InvariantCulture)).ToArray();
        await group.WriteAsync<long>(ts, millis.AsMemory(), cancellationToken: TestContext.Current.CancellationToken);
        await group.WriteAsync(page, [.. rows.Select(r => "https://shop.example.com/item/" + r[5])]);
        await group.WriteAsync(eventType, [.. rows.Select(r => r[4])]);
    }
}
