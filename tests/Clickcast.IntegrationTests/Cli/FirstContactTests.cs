using System.Text.Json;
using Clickcast.IntegrationTests.Support;

namespace Clickcast.IntegrationTests.Cli;

/// <summary>
/// A data engineer meeting Clickcast with their own data, through the real command line: inspect a file, write a
/// definition from docs/ingest.md, ingest, make a mapping mistake, correct it, and recover without duplicates.
/// </summary>
public sealed class FirstContactTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static string Shared(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(candidate, relative);
            }
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("CLICKCAST_SHARED_DATA");
        return fromEnvironment is not null ? Path.Combine(fromEnvironment, relative) : throw new DirectoryNotFoundException("../shared/data not found; set CLICKCAST_SHARED_DATA.");
    }

    private static JsonElement Json(string output) =>
        JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)]).RootElement;

    [Theory]
    [InlineData("avro/events-flat-deflate.avro", "deflate", "client_id", "ts", "url")]
    [InlineData("avro/events-flat-null.avro", "null", "client_id", "ts", "url")]
    [InlineData("avro/events-nested-deflate.avro", "deflate", "profile.cid", "timestamp", "context.page.url")]
    public async Task IngestInspect_SharedAvroFile_ShowsCodecSchemaMappingAndNormalizedRows(string file, string codec, string client, string time, string url)
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, NoEnvironment, "ingest", "--tenant", "shop", "--inspect", Shared(file), "--json");

        Assert.True(exitCode == 0, output);
        var inspection = Json(output);
        Assert.Equal("Avro", inspection.GetProperty("format").GetString());
        Assert.Equal(codec, inspection.GetProperty("codec").GetString());
        Assert.Contains("\"type\":\"record\"", inspection.GetProperty("schema").GetString(), StringComparison.Ordinal);
        var mapping = inspection.GetProperty("mapping");
        Assert.Equal((client, time, url), (mapping.GetProperty("clientId").GetString(), mapping.GetProperty("timestamp").GetString(), mapping.GetProperty("url").GetString()));
        var samples = inspection.GetProperty("samples");
        Assert.Equal(5, samples.GetArrayLength());
        Assert.All(samples.EnumerateArray(), s => Assert.StartsWith("2015-05-", s.GetProperty("time").GetString(), StringComparison.Ordinal));
        Assert.All(samples.EnumerateArray(), s => Assert.Equal(s.GetProperty("dropped").GetString() == "None", s.TryGetProperty("token", out _)));
        Assert.Equal(9_999, inspection.GetProperty("rowsRead").GetInt64());
        Assert.InRange(inspection.GetProperty("rowsKept").GetInt64(), 1_000, 9_999);
        Assert.Contains(client, inspection.GetProperty("suggestedMapping").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewUser_DefinitionFromTheDocs_MistakeCorrectedAndRecoveredWithoutDuplicates()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        var nested = Shared("avro/events-nested-deflate.avro");

        // A typo in a key is refused, naming the valid keys.
        var typo = Path.Combine(data, "typo.json");
        await File.WriteAllTextAsync(typo, """{ "id": "shop", "ingest": { "mapping": { "clientID": "profile.cid", "timeField": "timestamp" } } }""", TestContext.Current.CancellationToken);
        var refused = await CliProcess.RunAsync(data, NoEnvironment, "tenants", "apply", "--file", typo);
        Assert.True(refused.ExitCode != 0, refused.Output);
        Assert.Contains("unknown key 'timeField'", refused.Output, StringComparison.Ordinal);

        // The mistake: a client id field that this export does not have.
        var definition = Path.Combine(data, "shop.json");
        await File.WriteAllTextAsync(definition, """{ "id": "shop", "ingest": { "mapping": { "clientId": "profile.id", "url": "context.page.url" } } }""", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliProcess.RunAsync(data, NoEnvironment, "tenants", "apply", "--file", definition)).ExitCode);
        var wrong = await CliProcess.RunAsync(data, NoEnvironment, "ingest", "--tenant", "shop", "--source", nested);
        Assert.True(wrong.ExitCode == 3, wrong.Output);
        Assert.Contains("profile.cid", wrong.Output, StringComparison.Ordinal);

        // The correction reaches the quarantined file without renaming it, and without a new tenant.
        await File.WriteAllTextAsync(definition, """{ "id": "shop", "ingest": { "mapping": { "clientId": "profile.cid", "url": "context.page.url" } } }""", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliProcess.RunAsync(data, NoEnvironment, "tenants", "apply", "--file", definition)).ExitCode);
        var fixedRun = await CliProcess.RunAsync(data, NoEnvironment, "ingest", "--tenant", "shop", "--json");
        Assert.True(fixedRun.ExitCode == 0, fixedRun.Output);
        var kept = Json(fixedRun.Output).GetProperty("files")[0].GetProperty("rowsKept").GetInt64();
        Assert.True(kept > 1000, fixedRun.Output);

        // A changed setting re-ingests, replacing the events; the same bytes under a new name add nothing.
        await File.WriteAllTextAsync(definition, """{ "id": "shop", "ingest": { "mapping": { "clientId": "profile.cid", "url": "context.page.url" }, "urls": { "level": "Host" } } }""", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliProcess.RunAsync(data, NoEnvironment, "tenants", "apply", "--file", definition)).ExitCode);
        var copy = Path.Combine(data, "renamed.avro");
        File.Copy(nested, copy);
        var again = await CliProcess.RunAsync(data, NoEnvironment, "ingest", "--tenant", "shop", "--source", copy, "--json");
        Assert.True(again.ExitCode == 0, again.Output);
        var files = Json(again.Output).GetProperty("files").EnumerateArray().ToList();
        Assert.Contains(files, f => f.GetProperty("status").GetString() == "DuplicateContent");
        Assert.Contains(files, f => f.GetProperty("status").GetString() == "Ingested" && f.GetProperty("rowsKept").GetInt64() == kept);

        // Replaced, never doubled: the events folder holds exactly the new run's files.
        var outputs = files.Single(f => f.GetProperty("status").GetString() == "Ingested").GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).ToHashSet();
        var stored = Directory.EnumerateFiles(data, "*.parquet", SearchOption.AllDirectories)
            .Select(p => p.Replace('\\', '/'))
            .Where(p => p.Contains("/tenants/shop/events/", StringComparison.Ordinal))
            .Select(p => p[p.IndexOf("tenants/shop/events/", StringComparison.Ordinal)..])
            .ToHashSet();
        Assert.Equal(outputs.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));

        var sequences = await CliProcess.RunAsync(data, NoEnvironment, "sequences", "--tenant", "shop");
        Assert.True(sequences.ExitCode == 0, sequences.Output);
    }
}
