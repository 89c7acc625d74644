using System.CommandLine;
using Clickcast.Server.Security;
using Clickcast.Storage;
using Clickcast.Torch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Cli;

/// <summary>Builds the same service composition the server uses, from the command line's global options.</summary>
internal static class CliServices
{
    public static ServiceProvider Build(ParseResult parse)
    {
        var data = Path.GetFullPath(parse.GetValue(GlobalOptions.Data)!);
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        // Settings beyond the command line: ./clickcast.json, then CLICKCAST_-prefixed environment variables
        // (sections by double underscore: CLICKCAST_Jobs__Lease=00:00:30).
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "clickcast.json"), optional: true)
            .AddEnvironmentVariables("CLICKCAST_")
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            // Logs go to standard error so tables and JSON on standard output stay clean.
            logging.AddSimpleConsole(console => console.SingleLine = true);
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.AddFilter((_, level) => level >= (verbose ? LogLevel.Information : LogLevel.Warning));
        });
        services.AddClickcast(options =>
        {
            options.DataPath = data;
            var s3 = Environment.GetEnvironmentVariable("CLICKCAST_S3_SERVICE_URL");
            if (!string.IsNullOrEmpty(s3))
            {
                options.Storage = StorageKind.S3;
                options.S3.ServiceUrl = s3;
                options.S3.Bucket = Environment.GetEnvironmentVariable("CLICKCAST_S3_BUCKET") ?? "clickcast";
                options.S3.AccessKey = Environment.GetEnvironmentVariable("CLICKCAST_S3_ACCESS_KEY") ?? string.Empty;
                options.S3.SecretKey = Environment.GetEnvironmentVariable("CLICKCAST_S3_SECRET_KEY") ?? string.Empty;
                options.S3.Region = Environment.GetEnvironmentVariable("CLICKCAST_S3_REGION") ?? "us-east-1";
                options.S3.KeyPrefix = Environment.GetEnvironmentVariable("CLICKCAST_S3_PREFIX") ?? string.Empty;
            }
        });
        services.Configure<Pipeline.Jobs.JobOptions>(configuration.GetSection("Jobs"));
        services.Configure<Pipeline.Triggers.SensorOptions>(configuration.GetSection("Sensor"));
        services.Configure<Pipeline.PipelineOptions>(configuration.GetSection("Pipeline"));
        if (parse.CommandResult.Command.Name is "run" or "demo")
        {
            // A single pass senses every file first: there is no burst to wait for, so no debounce either.
            services.PostConfigure<Pipeline.PipelineOptions>(options => options.SequencesDebounce = TimeSpan.Zero);
        }

        services.Configure<Export.ExportOptions>(configuration.GetSection("Export"));
        services.Configure<Tenants.TenantLimits>(configuration.GetSection("Limits"));
        services.Configure<ClickcastOptions>(options => configuration.GetSection("Metadata").Bind(options.Metadata));
        services.AddClickcastTorch();
        services.AddClickcastSecrets();
        return services.BuildServiceProvider();
    }
}
