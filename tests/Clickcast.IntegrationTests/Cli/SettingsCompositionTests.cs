using System.Reflection;
using System.Text.Json;
using Clickcast.Cli;
using Clickcast.Cli.Commands;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Hosting;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.IntegrationTests.Cli;

/// <summary>One settings scheme for every verb: serve and worker read the same file and variables into the same options.</summary>
public sealed class SettingsCompositionTests
{
    private static readonly Assembly[] Assemblies =
        [typeof(ClickcastOptions).Assembly, typeof(ServerOptions).Assembly, typeof(global::Clickcast.Torch.TorchOptions).Assembly, typeof(CliServices).Assembly];

    [Fact]
    public async Task ServeAndWorker_SameSettings_BindEqualOptions()
    {
        using var folder = new TempFolder();
        var file = WriteSettings(folder, $$"""
            {
              "DataPath": {{JsonSerializer.Serialize(folder.File("from-file"))}},
              "Metadata": { "BusyTimeout": "3s" },
              "Jobs": { "RetryInterval": "45s", "DefaultMaxAttempts": 7, "Lease": "0.00:05:00" },
              "Sensor": { "PollInterval": "2m" },
              "Pipeline": { "SequencesDebounce": "12s", "ScheduleLookback": "2d" },
              "Export": { "BatchSize": 250 },
              "Server": { "RequestsPerWindow": 99, "RateLimitWindow": "30s", "RunWorkers": false }
            }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["CLICKCAST_Sensor__PollInterval"] = "90s",
            ["CLICKCAST_S3_SERVICE_URL"] = "http://127.0.0.1:9/",
            ["CLICKCAST_S3_ACCESS_KEY"] = "access",
            ["CLICKCAST_S3_SECRET_KEY"] = "secret",
            ["CLICKCAST_KEY"] = "ck_not_a_setting",
            ["Clickcast__DataPath"] = folder.File("unprefixed-is-not-read"),
        };

        await using var serve = ServeCommand.BuildApp(Parse("serve", "--settings", file, "--no-demo", "--urls", "http://127.0.0.1:0"), environment);
        await using var worker = CliServices.Build(Parse("worker", "--settings", file), environment);

        var compared = new List<string>();
        foreach (var type in OptionsTypes())
        {
            var configured = typeof(IConfigureOptions<>).MakeGenericType(type);
            if (!serve.Services.GetServices(configured).Any() && !worker.GetServices(configured).Any())
            {
                continue;
            }

            Assert.Equal(Serialized(serve.Services, type), Serialized(worker, type));
            compared.Add(type.Name);
        }

        Assert.Superset(new HashSet<string> { nameof(ClickcastOptions), nameof(JobOptions), nameof(SensorOptions), nameof(PipelineOptions), nameof(Export.ExportOptions), nameof(ServerOptions) }, compared.ToHashSet());
        var clickcast = serve.Services.GetRequiredService<IOptions<ClickcastOptions>>().Value;
        Assert.Equal(folder.File("from-file"), clickcast.DataPath);
        Assert.Equal(StorageKind.S3, clickcast.Storage);
        Assert.Equal(("clickcast", "access"), (clickcast.S3.Bucket, clickcast.S3.AccessKey));
        Assert.Equal(TimeSpan.FromSeconds(3), clickcast.Metadata.BusyTimeout);
        var jobs = serve.Services.GetRequiredService<IOptions<JobOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(45), 7, TimeSpan.FromMinutes(5)), (jobs.RetryInterval, jobs.DefaultMaxAttempts, jobs.Lease));
        Assert.Equal(TimeSpan.FromSeconds(90), serve.Services.GetRequiredService<IOptions<SensorOptions>>().Value.PollInterval);
        Assert.Equal(TimeSpan.FromDays(2), worker.GetRequiredService<IOptions<PipelineOptions>>().Value.ScheduleLookback);
        Assert.Equal(99, worker.GetRequiredService<IOptions<ServerOptions>>().Value.RequestsPerWindow);
    }

    [Fact]
    public async Task ServeAndWorker_DataFlagGiven_WinsOverTheFileForBoth()
    {
        using var folder = new TempFolder();
        var file = WriteSettings(folder, $$"""{ "DataPath": {{JsonSerializer.Serialize(folder.File("from-file"))}} }""");
        var environment = new Dictionary<string, string?> { ["CLICKCAST_DATA"] = folder.File("from-variable") };

        await using var serve = ServeCommand.BuildApp(Parse("serve", "--settings", file, "--data", folder.File("flag"), "--urls", "http://127.0.0.1:0"), environment);
        await using var worker = CliServices.Build(Parse("worker", "--settings", file), environment);

        Assert.Equal(folder.File("flag"), serve.Services.GetRequiredService<IOptions<ClickcastOptions>>().Value.DataPath);
        Assert.Equal(folder.File("from-variable"), worker.GetRequiredService<IOptions<ClickcastOptions>>().Value.DataPath);
    }

    [Fact]
    public void Build_UnknownTopLevelKeyInFile_NamesTheKeyAndTheFile()
    {
        using var folder = new TempFolder();
        var file = WriteSettings(folder, """{ "Jobs": { "Lease": "1m" }, "Jbos": { "Lease": "1m" } }""");

        var error = Assert.Throws<SettingsException>(() => ClickcastSettings.Build(file, null, null, new Dictionary<string, string?>()));

        Assert.Contains("'Jbos'", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OldClickcastSection_SaysWhereItsKeysWent()
    {
        using var folder = new TempFolder();
        var file = WriteSettings(folder, """{ "Clickcast": { "DataPath": "/srv/clickcast" } }""");

        var error = Assert.Throws<SettingsException>(() => ClickcastSettings.Build(file, null, null, new Dictionary<string, string?>()));

        Assert.Contains("'Clickcast'", error.Message, StringComparison.Ordinal);
        Assert.Contains("top-level", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownVariable_NamesTheVariable()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string?> { ["CLICKCAST_Jbos__Lease"] = "1m", ["CLICKCAST_TEST_POSTGRES"] = "not a setting" };

        var error = Assert.Throws<SettingsException>(() => ClickcastSettings.Build(null, folder.Path, null, environment));

        Assert.Contains("CLICKCAST_Jbos__Lease", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddClickcastSettings_UnknownKeyInASection_NamesTheKey()
    {
        using var folder = new TempFolder();
        var file = WriteSettings(folder, """{ "Jobs": { "Leas": "1m" } }""");
        var services = new ServiceCollection().AddClickcastSettings(ClickcastSettings.Build(file, null, null, new Dictionary<string, string?>()));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<JobOptions>>().Value);

        Assert.Contains("'Leas'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddClickcastSettings_BadDuration_NamesTheSettingAndTheValue()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string?> { ["CLICKCAST_Jobs__RetryInterval"] = "soon" };
        var services = new ServiceCollection().AddClickcastSettings(ClickcastSettings.Build(null, folder.Path, null, environment));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<JobOptions>>().Value);

        Assert.Contains("Jobs:RetryInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("'soon'", error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", true)]
    [InlineData("ingest", false)]
    public void Build_Verb_ShowsTrainingProgressOnlyForTrain(string verb, bool shown)
    {
        using var folder = new TempFolder();
        using var services = CliServices.Build(Parse(verb, "--data", folder.Path), new Dictionary<string, string?>());
        var loggers = services.GetRequiredService<ILoggerFactory>();

        Assert.Equal(shown, loggers.CreateLogger("Clickcast.Torch.GruTrainer").IsEnabled(LogLevel.Information));
        Assert.Equal(shown, loggers.CreateLogger("Clickcast.Training.ModelTrainer").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Clickcast.Pipeline.Jobs.JobQueue").IsEnabled(LogLevel.Information));
    }

    private static System.CommandLine.ParseResult Parse(params string[] args)
    {
        var parse = ClickcastCli.CreateRoot().Parse(args);
        Assert.Empty(parse.Errors);
        return parse;
    }

    private static string WriteSettings(TempFolder folder, string json)
    {
        var file = folder.File("clickcast.json");
        File.WriteAllText(file, json);
        return file;
    }

    private static IEnumerable<Type> OptionsTypes() => Assemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition && t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null);

    private static string Serialized(IServiceProvider services, Type type)
    {
        var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
        var value = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
        return type.Name + " " + JsonSerializer.Serialize(value, type, ClickcastJson.Options);
    }
}
