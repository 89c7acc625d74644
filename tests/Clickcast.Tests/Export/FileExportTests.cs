using System.Text;
using System.Text.Json;
using Clickcast.Export;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

public sealed class FileExportTests : IDisposable
{
    private const string Tenant = "acme";
    private const string TaskId = "buy-7d";
    private const string Prefix = "tenants/acme/tasks/buy-7d/exports/copies/";
    private readonly ExportServices _services = new();

    public void Dispose() => _services.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ExportDestinationOptions Files(ExportFileFormats formats = ExportFileFormats.All) => new()
    {
        Name = "copies",
        Kind = ExportDestinationKind.Files,
        Files = { Formats = formats },
    };

    private Task<ExportReport> ExportAsync(string key, ExportDestinationOptions destination) =>
        _services.Exporter.ExportAsync(Tenant, TaskId, key, [destination], Ct);

    private async Task<Dictionary<string, string>> ExportsAsync()
    {
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in _services.Store.ListAsync(TenantLayout.Exports(Tenant, TaskId), cancellationToken: Ct))
        {
            objects[item.Key] = Convert.ToHexStringLower(await _services.Store.ReadAllBytesAsync(item.Key, Ct));
        }

        return objects;
    }

    private async Task<List<Prediction>> ReadParquetAsync(string key)
    {
        var rows = new List<Prediction>();
        await foreach (var row in PredictionFileReader.ReadAsync(_services.Store.PathOf(key), Ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task ExportAsync_Files_WritesCsvJsonLinesAndParquetUnderDeterministicKeys()
    {
        var rows = Predictions.Make(Tenant, TaskId, 2);
        rows[1] = rows[1] with { ClientId = "id,with \"quotes\"" };
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", rows);

        var report = await ExportAsync(key, Files());

        Assert.True(report.Succeeded);
        Assert.Equal((1, 1, 2L), (report.Destinations[0].BatchesTotal, report.Destinations[0].DeliveredNow, report.Destinations[0].RowsDeliveredNow));
        Assert.Equal([Prefix + "run-1.csv", Prefix + "run-1.jsonl", Prefix + "run-1.parquet"], (await ExportsAsync()).Keys.Order());

        var csv = Encoding.UTF8.GetString(await _services.Store.ReadAllBytesAsync(Prefix + "run-1.csv", Ct));
        Assert.Equal(
            "tenant,task,client_id,probability,percentile,bucket,above_threshold,model_version,scored_at\n"
            + "acme,buy-7d,c000,0.9,100,high,true,3,2026-11-26T12:30:15.123456Z\n"
            + "acme,buy-7d,\"id,with \"\"quotes\"\"\",0.5,50,medium,false,3,2026-11-26T12:30:15.123456Z\n",
            csv);

        var lines = Encoding.UTF8.GetString(await _services.Store.ReadAllBytesAsync(Prefix + "run-1.jsonl", Ct)).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Equal(
            "{\"tenant\":\"acme\",\"task\":\"buy-7d\",\"client_id\":\"c000\",\"probability\":0.9,\"percentile\":100,\"bucket\":\"high\",\"above_threshold\":true,\"model_version\":3,\"scored_at\":\"2026-11-26T12:30:15.123456Z\"}",
            lines[0]);
        Assert.Equal(rows[1].ClientId, JsonDocument.Parse(lines[1]).RootElement.GetProperty("client_id").GetString());

        Assert.Equal(rows, await ReadParquetAsync(Prefix + "run-1.parquet"));
    }

    [Fact]
    public async Task ExportAsync_FilesTwice_SecondRunWritesNothing()
    {
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 3));
        await ExportAsync(key, Files());
        var before = await ExportsAsync();

        var again = await ExportAsync(key, Files());

        Assert.True(again.Succeeded);
        Assert.Equal((0, 1), (again.Destinations[0].DeliveredNow, again.Destinations[0].AlreadyDelivered));
        Assert.Equal(before, await ExportsAsync());
    }

    [Fact]
    public async Task ExportAsync_FilesAfterLedgerLoss_OverwritesTheSameObjectsWithTheSameContent()
    {
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 3));
        await ExportAsync(key, Files());
        var before = await ExportsAsync();
        await foreach (var item in _services.Store.ListAsync(TenantLayout.TaskLedger(Tenant, TaskId), cancellationToken: Ct))
        {
            await _services.Store.DeleteAsync(item.Key, Ct);
        }

        var again = await ExportAsync(key, Files());

        Assert.Equal(1, again.Destinations[0].DeliveredNow);
        Assert.Equal(before, await ExportsAsync());
    }

    [Fact]
    public async Task ExportAsync_OneFormat_WritesOnlyThatFormat()
    {
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 3));

        await ExportAsync(key, Files(ExportFileFormats.JsonLines));

        Assert.Equal([Prefix + "run-1.jsonl"], (await ExportsAsync()).Keys);
    }

    [Fact]
    public async Task ExportAsync_RejectedRows_AreLeftOutOfEveryFormat()
    {
        var rows = Predictions.Make(Tenant, TaskId, 2);
        rows.Add(rows[0] with { Task = "other-task", ClientId = "x" });
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", rows);

        var report = await ExportAsync(key, Files());

        Assert.Equal(1, report.RowsRejected);
        Assert.Equal(rows.Take(2), await ReadParquetAsync(Prefix + "run-1.parquet"));
        var csv = Encoding.UTF8.GetString(await _services.Store.ReadAllBytesAsync(Prefix + "run-1.csv", Ct));
        Assert.DoesNotContain("other-task", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_PredictionsFileReplacedAfterExport_RefusesToMixContents()
    {
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 3));
        await ExportAsync(key, Files());
        await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 4));

        var report = await ExportAsync(key, Files());

        Assert.False(report.Succeeded);
        Assert.Contains("changed", Assert.Single(report.Destinations[0].Errors), StringComparison.Ordinal);
    }
}
