using System.Text;
using Clickcast.Export;
using Clickcast.Scoring;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

public sealed class JoinExportTests : IAsyncDisposable
{
    private const string Tenant = "acme";
    private const string TaskId = "buy-7d";
    private readonly FakeCdp _cdp = FakeCdp.Start();
    private readonly ExportServices _services = new();

    public async ValueTask DisposeAsync()
    {
        await _cdp.DisposeAsync();
        _services.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string FileName(int index) => "clickcast-" + new ExportScope(Tenant, TaskId, "run-1", "join").BatchId(2, index) + ".csv";

    private ExportDestinationOptions Join() => new()
    {
        Name = "join",
        Kind = ExportDestinationKind.CleverDataJoin,
        Attribute = "propensity_buy_7d",
        Join =
        {
            BaseUrl = _cdp.BaseUrl,
            Adapter = "clickcast-scores",
            Instance = 77,
            Token = _cdp.JoinToken,
            OnBehalfOf = _cdp.OnBehalfOf,
        },
    };

    private async Task<(string Key, List<Prediction> Rows)> PredictionsAsync(int count)
    {
        var rows = Predictions.Make(Tenant, TaskId, count);
        return (await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", rows), rows);
    }

    private Task<ExportReport> ExportAsync(string key) => _services.Exporter.ExportAsync(Tenant, TaskId, key, [Join()], Ct);

    /// <summary>Client ids in the files the accepted inputs name, in batch order.</summary>
    private List<string> LoadedClients()
    {
        var files = _cdp.Files;
        return Enumerable.Range(0, 100).Select(FileName).TakeWhile(_cdp.JoinInputs.ContainsKey)
            .SelectMany(name => Encoding.UTF8.GetString(files[name]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            .Select(line => line.Split(',')[2])
            .ToList();
    }

    [Fact]
    public async Task ExportAsync_Join_UploadsEachBatchThenCreatesAnInputNamingIt()
    {
        var (key, rows) = await PredictionsAsync(5);

        var report = await ExportAsync(key);

        Assert.True(report.Succeeded);
        Assert.Equal((3, 3), (report.Destinations[0].BatchesTotal, report.Destinations[0].DeliveredNow));
        Assert.Empty(_cdp.Rejections);
        Assert.Equal(new[] { FileName(0), FileName(1), FileName(2) }.Order(), _cdp.Files.Keys.Order());
        Assert.All(_cdp.JoinInputs.Values, input =>
        {
            Assert.Equal(("clickcast-scores", 77L, 77L, "propensity_buy_7d"), (input.Adapter, input.Instance, input.AdapterInstanceId, input.Value));
        });
        Assert.Equal(_cdp.Files.Keys.Order(), _cdp.JoinInputs.Keys.Order());
        Assert.Equal(rows.Select(r => r.ClientId), LoadedClients());

        var csv = Encoding.UTF8.GetString(_cdp.Files[FileName(2)]);
        Assert.Equal(
            "tenant,task,client_id,probability,percentile,bucket,above_threshold,model_version,scored_at\n"
            + "acme,buy-7d,c004,0.26,20,low,false,3,2026-11-26T12:30:15.123456Z\n",
            csv);

        // Each batch: the upload first, then the input, both authenticated.
        var requests = _cdp.Requests;
        Assert.Equal(["PUT", "POST", "PUT", "POST", "PUT", "POST"], requests.Select(r => r.Method));
        Assert.Equal(FakeCdp.FileManagerPath + "/" + FileName(0), requests[0].Path);
        Assert.Equal("/integration-manager/v1/adapters/clickcast-scores/instances/77/inputs", requests[1].Path);
        Assert.Equal("text/csv; charset=utf-8", requests[0].Headers["Content-Type"]);
        Assert.All(requests, r => Assert.Equal(("Bearer " + _cdp.JoinToken, _cdp.OnBehalfOf), (r.Headers["Authorization"], r.Headers["x-dmpkit-onbehalf-of"])));
        Assert.Equal("{\"value\":\"propensity_buy_7d\",\"source\":\"" + FileName(0) + "\",\"adapterInstanceId\":77}", Encoding.UTF8.GetString(requests[1].Body));
    }

    [Fact]
    public async Task ExportAsync_UploadFailsTransiently_IsRetriedAndEachInputArrivesOnce()
    {
        var (key, rows) = await PredictionsAsync(3);
        _cdp.FailNext(2);

        var report = await ExportAsync(key);

        Assert.True(report.Succeeded);
        Assert.All(_cdp.JoinInputReceipts.Values, receipts => Assert.Equal(1, receipts));
        Assert.All(_cdp.FileUploads.Values, uploads => Assert.Equal(1, uploads));
        Assert.Equal(rows.Select(r => r.ClientId), LoadedClients());
    }

    [Fact]
    public async Task ExportAsync_InputsDownAfterAnUpload_RerunReuploadsTheSameFileAndCreatesOneInput()
    {
        var (key, rows) = await PredictionsAsync(3);
        // The file manager takes batch 0's file, then the CDP goes down before the input is created.
        _cdp.OnAccepted = request =>
        {
            if (request.Method == "PUT")
            {
                _cdp.GoDown();
            }
        };

        var first = await ExportAsync(key);

        Assert.False(first.Succeeded);
        Assert.Equal([0, 1], first.Destinations[0].Pending.Select(p => p.Index));
        Assert.Empty(_cdp.JoinInputs);

        _cdp.OnAccepted = null;
        _cdp.ComeBack();
        var second = await ExportAsync(key);

        Assert.True(second.Succeeded);
        Assert.Equal(2, _cdp.FileUploads[FileName(0)]);
        Assert.Equal(1, _cdp.FileUploads[FileName(1)]);
        Assert.All(_cdp.JoinInputReceipts.Values, receipts => Assert.Equal(1, receipts));
        Assert.Equal(rows.Select(r => r.ClientId), LoadedClients());
    }

    [Fact]
    public async Task ExportAsync_WrongToken_IsRefusedAndLeftPending()
    {
        var (key, _) = await PredictionsAsync(1);
        var destination = Join();
        destination.Join.Token = "not-the-token";

        var report = await _services.Exporter.ExportAsync(Tenant, TaskId, key, [destination], Ct);

        Assert.False(report.Succeeded);
        Assert.Contains("401", report.Destinations[0].Errors[0], StringComparison.Ordinal);
        Assert.Empty(_cdp.Files);
    }

    [Fact]
    public async Task ExportAsync_FileManagerUrlSet_UploadsThere()
    {
        var (key, _) = await PredictionsAsync(1);
        var destination = Join();
        destination.Join.FileManagerUrl = _cdp.FileManagerUrl + "/";

        var report = await _services.Exporter.ExportAsync(Tenant, TaskId, key, [destination], Ct);

        Assert.True(report.Succeeded);
        Assert.Equal(FakeCdp.FileManagerPath + "/" + FileName(0), _cdp.Requests[0].Path);
    }
}
