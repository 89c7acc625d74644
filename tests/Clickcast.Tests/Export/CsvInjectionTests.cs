using System.Text;
using System.Text.Json;
using Clickcast.Export;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

/// <summary>Issue 11 M6: client ids from the clickstream must not reach exported CSVs as spreadsheet formulas.</summary>
public sealed class CsvInjectionTests : IAsyncDisposable
{
    private const string Tenant = "acme";
    private const string TaskId = "buy-7d";
    private static readonly string[] ClientIds = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-1", "@SUM(A1:A9)", "\tx", "\rx", "plain", "a=b"];
    private readonly FakeCdp _cdp = FakeCdp.Start();
    private readonly ExportServices _services = new(o => o.BatchSize = 100);

    public async ValueTask DisposeAsync()
    {
        await _cdp.DisposeAsync();
        _services.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The client_id column as the CSV writes it (fields after the header, third column).</summary>
    private static readonly string[] Escaped = ["\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "'+1+1", "'-1", "'@SUM(A1:A9)", "'\tx", "\"'\rx\"", "plain", "a=b"];

    private static readonly string[] Verbatim = ["\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "+1+1", "-1", "@SUM(A1:A9)", "\tx", "\"\rx\"", "plain", "a=b"];

    private async Task<string> PredictionsAsync()
    {
        var rows = Predictions.Make(Tenant, TaskId, ClientIds.Length).Select((row, i) => row with { ClientId = ClientIds[i] });
        return await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", rows);
    }

    /// <summary>Each data row's client_id field, split at the ",acme,buy-7d," prefix rather than at commas the field may hold.</summary>
    private static List<string> ClientFields(string csv) =>
        csv.Split("\nacme,buy-7d,")
            .Skip(1)
            .Select(row => row[..row.IndexOf(",0.", StringComparison.Ordinal)])
            .ToList();

    [Fact]
    public async Task ExportAsync_FilesCsvWithFormulaClientIds_PrefixesAQuote()
    {
        var key = await PredictionsAsync();

        await _services.Exporter.ExportAsync(Tenant, TaskId, key, [new() { Name = "copies", Kind = ExportDestinationKind.Files }], Ct);

        var csv = Encoding.UTF8.GetString(await _services.Store.ReadAllBytesAsync(new ExportScope(Tenant, TaskId, "run-1", "copies").FileKey(".csv"), Ct));
        Assert.Equal(Escaped, ClientFields(csv));
        // JSON is not read by spreadsheets: it keeps the id as it is.
        var jsonl = Encoding.UTF8.GetString(await _services.Store.ReadAllBytesAsync(new ExportScope(Tenant, TaskId, "run-1", "copies").FileKey(".jsonl"), Ct));
        Assert.Equal(ClientIds, jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("client_id").GetString()));
    }

    [Fact]
    public async Task ExportAsync_EscapeCsvFormulasOff_WritesClientIdsVerbatim()
    {
        var key = await PredictionsAsync();

        await _services.Exporter.ExportAsync(Tenant, TaskId, key, [new() { Name = "copies", Kind = ExportDestinationKind.Files, EscapeCsvFormulas = false }], Ct);

        var csv = Encoding.UTF8.GetString(await _services.Store.ReadAllBytesAsync(new ExportScope(Tenant, TaskId, "run-1", "copies").FileKey(".csv"), Ct));
        Assert.Equal(Verbatim, ClientFields(csv));
    }

    [Fact]
    public async Task ExportAsync_JoinUploadWithFormulaClientIds_PrefixesAQuote()
    {
        var key = await PredictionsAsync();
        var join = new ExportDestinationOptions
        {
            Name = "join",
            Kind = ExportDestinationKind.CleverDataJoin,
            Join = { BaseUrl = _cdp.BaseUrl, Adapter = "clickcast-scores", Instance = 77, Token = _cdp.JoinToken, OnBehalfOf = _cdp.OnBehalfOf },
        };

        var report = await _services.Exporter.ExportAsync(Tenant, TaskId, key, [join], Ct);

        Assert.True(report.Succeeded, string.Join("; ", report.Destinations[0].Errors));
        Assert.Equal(Escaped, ClientFields(Encoding.UTF8.GetString(Assert.Single(_cdp.Files.Values))));
    }
}
