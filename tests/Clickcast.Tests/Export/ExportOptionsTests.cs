using System.Text;
using Clickcast.Export;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clickcast.Tests.Export;

public sealed class ExportOptionsTests
{
    private const string Json = """
        {
          "Export": {
            "BatchSize": 250,
            "Http": { "AttemptTimeout": "00:00:05", "TotalRequestTimeout": "00:01:00", "MaxRetryAttempts": 4, "RetryBaseDelay": "00:00:00.500", "AllowedNetworks": [ "10.20.0.0/16", "127.0.0.0/8" ] }
          },
          "Tasks": {
            "buy-7d": {
              "Destinations": [
                { "Name": "crm", "Kind": "Webhook", "Attribute": "propensity_buy_7d", "BatchSize": 100,
                  "Webhook": { "Url": "https://crm.example.com/hooks/scores", "Secret": "0123456789abcdef0123" } },
                { "Name": "copies", "Kind": "Files", "Files": { "Formats": "Csv, Parquet" } },
                { "Name": "join", "Kind": "CleverDataJoin",
                  "Join": { "BaseUrl": "https://cdp.example.com/api", "Adapter": "clickcast", "Instance": 77, "Token": "t0ken", "OnBehalfOf": "cid-1" } },
                { "Name": "half-done", "Kind": "Webhook", "Webhook": { "Url": "https://crm.example.com/x" } }
              ]
            }
          }
        }
        """;

    private static IConfiguration Configuration() =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

    [Fact]
    public void Bind_TaskDestinations_ReadsEveryKindFromJson()
    {
        var destinations = Configuration().GetSection("Tasks:buy-7d:Destinations").Get<List<ExportDestinationOptions>>()!;

        Assert.Equal(["crm", "copies", "join", "half-done"], destinations.Select(d => d.Name));
        Assert.Equal((ExportDestinationKind.Webhook, 100, "https://crm.example.com/hooks/scores"), (destinations[0].Kind, destinations[0].BatchSize, destinations[0].Webhook.Url));
        Assert.Equal(ExportFileFormats.Csv | ExportFileFormats.Parquet, destinations[1].Files.Formats);
        Assert.Equal((77L, "cid-1", "https://cdp.example.com/api/file-manager/v1/files"), (destinations[2].Join.Instance, destinations[2].Join.OnBehalfOf, destinations[2].Join.ResolvedFileManagerUrl));
        Assert.Empty(destinations[0].Problems());
        Assert.Empty(destinations[1].Problems());
        Assert.Empty(destinations[2].Problems());
        Assert.Contains(destinations[3].Problems(), p => p.Contains("Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_ExportSection_ReadsDurationsAsTimeSpans()
    {
        var options = Configuration().GetSection("Export").Get<ExportOptions>()!;

        Assert.Equal(250, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Http.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Http.TotalRequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Http.RetryBaseDelay);
        Assert.Equal(4, options.Http.MaxRetryAttempts);
        Assert.Equal(["10.20.0.0/16", "127.0.0.0/8"], options.Http.AllowedNetworks);
    }

    [Theory]
    [InlineData("Name", "Bad Name")]
    [InlineData("Kind", "Webhook")]
    [InlineData("Kind", "CleverDataJoin")]
    [InlineData("Formats", "None")]
    public void Problems_InvalidDestination_AreReported(string property, string value)
    {
        var destination = new ExportDestinationOptions { Name = "ok", Files = { Formats = ExportFileFormats.Csv } };
        switch (property)
        {
            case "Name": destination.Name = value; break;
            case "Kind": destination.Kind = Enum.Parse<ExportDestinationKind>(value); break;
            default: destination.Files.Formats = Enum.Parse<ExportFileFormats>(value); break;
        }

        Assert.NotEmpty(destination.Problems());
    }

    [Fact]
    public void AddClickcastExport_TotalTimeoutNotLongerThanAttempt_FailsValidation()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection();
        services.AddSingleton<IObjectStore>(new LocalObjectStore(folder.Path));
        services.AddLogging();
        services.AddClickcastExport(options => options.Http.TotalRequestTimeout = options.Http.AttemptTimeout);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ExportOptions>>().Value);

        Assert.Contains("TotalRequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_MisconfiguredDestination_IsReportedWhileTheOthersRun()
    {
        using var services = new ExportServices();
        var key = await Predictions.WriteAsync(services.Store, "acme", "buy-7d", "run-1", Predictions.Make("acme", "buy-7d", 2));
        ExportDestinationOptions[] destinations =
        [
            new() { Name = "broken", Kind = ExportDestinationKind.Webhook },
            new() { Name = "copies", Kind = ExportDestinationKind.Files },
        ];

        var report = await services.Exporter.ExportAsync("acme", "buy-7d", key, destinations, TestContext.Current.CancellationToken);

        Assert.False(report.Succeeded);
        Assert.NotEmpty(report.Destinations[0].Errors);
        Assert.True(report.Destinations[1].Succeeded);
    }

    [Fact]
    public async Task ExportAsync_DestinationKindChangedUnderTheSameName_IsRefused()
    {
        using var services = new ExportServices();
        var key = await Predictions.WriteAsync(services.Store, "acme", "buy-7d", "run-1", Predictions.Make("acme", "buy-7d", 2));
        await services.Exporter.ExportAsync("acme", "buy-7d", key, [new() { Name = "out", Kind = ExportDestinationKind.Files }], TestContext.Current.CancellationToken);
        var webhook = new ExportDestinationOptions { Name = "out", Kind = ExportDestinationKind.Webhook, Webhook = { Url = "http://127.0.0.1:9/", Secret = "0123456789abcdef" } };

        var report = await services.Exporter.ExportAsync("acme", "buy-7d", key, [webhook], TestContext.Current.CancellationToken);

        Assert.Contains("changed kind", Assert.Single(report.Destinations[0].Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_DuplicateDestinationNames_Throw()
    {
        using var services = new ExportServices();
        ExportDestinationOptions[] destinations = [new() { Name = "a" }, new() { Name = "a" }];

        await Assert.ThrowsAsync<ArgumentException>(() => services.Exporter.ExportAsync("acme", "buy-7d", "tenants/acme/tasks/buy-7d/predictions/x.parquet", destinations, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ExportAsync_KeyOfAnotherTenant_Throws()
    {
        using var services = new ExportServices();

        await Assert.ThrowsAsync<ArgumentException>(() => services.Exporter.ExportAsync("acme", "buy-7d", "tenants/other/tasks/buy-7d/predictions/x.parquet", [], TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("tenants/acme/tasks/t/predictions/2026-11-26T12.parquet", "2026-11-26T12")]
    [InlineData("tenants/acme/tasks/t/predictions/v3_run-1", "v3_run-1")]
    public void PredictionsFileId_ValidName_IsTheNameWithoutExtension(string key, string id) =>
        Assert.Equal(id, PredictionExporter.PredictionsFileId(key));

    [Theory]
    [InlineData("tenants/acme/tasks/t/predictions/.parquet")]
    [InlineData("tenants/acme/tasks/t/predictions/a b.parquet")]
    public void PredictionsFileId_InvalidName_Throws(string key) =>
        Assert.Throws<ArgumentException>(() => PredictionExporter.PredictionsFileId(key));
}
